package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.auth.RecentAccounts;
import dev.parley.gateway.auth.SessionTokens;
import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may read the history over HTTP, against running gateways: anyone where guests may chat; where they may not,
 * only a signed-in user whose account still exists, and everyone else gets 401 with how to sign in.
 */
class HistoryAccessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ROOM = "history-access";
    private static final String[] HISTORY = {"/api/rooms", "/api/rooms/" + ROOM + "/messages"};

    // One Vert.x per gateway: servers of one Vert.x asking for a random port would share a single one.
    private static final Vertx OPEN_VERTX = Vertx.vertx();
    private static final Vertx MEMBERS_VERTX = Vertx.vertx();
    private static Gateway open;
    private static Gateway membersOnly;

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withLimits(Limits.defaults().withSignInsPerMinute(0));
        open = started(OPEN_VERTX, config.withDataDir(Files.createTempDirectory("parley-history-access-open")));
        membersOnly = started(MEMBERS_VERTX, config.withGuests(false)
                .withDataDir(Files.createTempDirectory("parley-history-access-members")));
    }

    @AfterAll
    static void stop() throws Exception {
        open.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        membersOnly.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        OPEN_VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        MEMBERS_VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void whereGuestsMayChatAnyoneReadsTheHistory() throws Exception {
        post(open, "hello to anyone");
        for (String path : HISTORY) {
            assertThat(get(open, path, Optional.empty()).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(messagesIn(get(open, HISTORY[1], Optional.empty()))).contains("hello to anyone");
    }

    @Test
    void whereGuestsMayNotChatReadingWithoutASessionIsRefusedWithHowToSignIn() throws Exception {
        for (String path : HISTORY) {
            HttpResponse<String> refused = get(membersOnly, path, Optional.empty());
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("content-type")).as(path).hasValue("application/json");
            assertThat(new JsonObject(refused.body()).getString("error")).as(path)
                    .contains("sign in").contains("POST /api/signin");
        }
        HttpResponse<String> head = HTTP.send(request(membersOnly, HISTORY[0], Optional.empty())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).as("HEAD").isEqualTo(401);
    }

    @Test
    void whereGuestsMayNotChatASignedInUserReadsTheHistory() throws Exception {
        String cookie = signUp(membersOnly, unique("Reader"));
        post(membersOnly, cookie, "for members");

        for (String path : HISTORY) {
            assertThat(get(membersOnly, path, Optional.of(cookie)).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(messagesIn(get(membersOnly, HISTORY[1], Optional.of(cookie)))).contains("for members");
        assertThat(new JsonObject(get(membersOnly, HISTORY[0], Optional.of(cookie)).body()).getJsonArray("rooms")
                .stream().map(room -> ((JsonObject) room).getString("room"))).contains(ROOM);
    }

    @Test
    void aTamperedOrForeignSessionCookieIsNoSession() throws Exception {
        String name = unique("Mallory");
        String cookie = signUp(membersOnly, name);
        String tampered = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");
        // Another gateway's cookie is signed with another key (neither has CHAT_SESSION_SECRET set).
        String foreign = signUp(open, unique("Elsewhere"));

        for (String bad : new String[] {tampered, foreign, SessionTokens.COOKIE + "=not-a-token", "garbage;;=="}) {
            for (String path : HISTORY) {
                assertThat(get(membersOnly, path, Optional.of(bad)).statusCode()).as(bad + " on " + path)
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void theSessionOfADeletedAccountReadsNothingAndConnectsNowhere() throws Exception {
        String database = TestPostgres.freshDatabase("history-access"); // skips this test without PostgreSQL
        Vertx ownVertx = Vertx.vertx();
        Gateway gateway = started(ownVertx, GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0).withGuests(false)
                .withDatabase(database).withLimits(Limits.defaults().withSignInsPerMinute(0)));
        try {
            String name = unique("Leaving");
            String cookie = signUp(gateway, name);
            assertThat(get(gateway, HISTORY[0], Optional.of(cookie)).statusCode()).as("before deletion")
                    .isEqualTo(200);

            TestPostgres.execute(database, "DELETE FROM accounts WHERE name = '" + name + "'");

            // The gateway remembers an account it found for RecentAccounts.TTL: the deletion counts within that.
            long deleted = System.nanoTime();
            Eventually.await(() -> status(gateway, HISTORY[0], cookie) == 401, "the deleted account's session to be "
                    + "refused", RecentAccounts.TTL.plusSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - deleted)).as("refused within the TTL")
                    .isLessThan(RecentAccounts.TTL.plusSeconds(1));
            for (String path : HISTORY) {
                HttpResponse<String> refused = get(gateway, path, Optional.of(cookie));
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(new JsonObject(refused.body()).getString("error")).as(path).contains("sign in");
            }
            assertThat(new JsonObject(get(gateway, "/api/me", Optional.of(cookie)).body()).getBoolean("signed_in"))
                    .as("/api/me").isFalse();
            assertThat(WebSocketTestClient.refusedStatusWith(Map.of("Cookie", cookie), ws(gateway, "/ws/chat/gone/")))
                    .as("the handshake").isEqualTo(401);
        } finally {
            gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ownVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static int status(Gateway gateway, String path, String cookie) {
        try {
            return get(gateway, path, Optional.of(cookie)).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Gateway started(Vertx vertx, GatewayConfig config) throws Exception {
        return Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String signUp(Gateway gateway, String name) throws Exception {
        HttpResponse<String> response = HTTP.send(request(gateway, "/api/signup", Optional.empty())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name)
                        .put("password", "long enough").encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** Posts a message as a guest. */
    private static void post(Gateway gateway, String text) {
        chat(WebSocketTestClient.connect(ws(gateway, "/ws/chat/" + ROOM + "/")), text);
    }

    private static void post(Gateway gateway, String cookie, String text) {
        chat(WebSocketTestClient.connectWith(Map.of("Cookie", cookie), ws(gateway, "/ws/chat/" + ROOM + "/")), text);
    }

    private static void chat(WebSocketTestClient client, String text) {
        client.send(new JsonObject().put("message", text));
        assertThat(client.receiveJson().getString("message")).isEqualTo(text);
    }

    private static List<String> messagesIn(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("messages").stream()
                .map(message -> ((JsonObject) message).getString("message")).toList();
    }

    private static HttpResponse<String> get(Gateway gateway, String path, Optional<String> cookie) throws Exception {
        return HTTP.send(request(gateway, path, cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(Gateway gateway, String path, Optional<String> cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
        cookie.ifPresent(value -> request.header("Cookie", value));
        return request;
    }

    private static URI ws(Gateway gateway, String path) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + path);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
