package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestPostgres;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, findings 3, 4 and 10, against two running gateways sharing Redis and Postgres: look-alike names are
 * refused to guests and at sign-up, a guest whose name is registered on the other gateway is renamed, rich
 * messages say who is a guest, and one guest cannot spend another's message allowance.
 */
class NamesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx firstVertx;
    private static Vertx secondVertx;
    private static Gateway first;
    private static Gateway second;

    @BeforeAll
    static void start() throws Exception {
        firstVertx = Vertx.vertx();
        secondVertx = Vertx.vertx();
        // Many sign-ups from one address: SignInThrottleIT tests the throttle these tests turn off. Messages per
        // second stay at their default (5, bursts of 15).
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDatabase(TestPostgres.freshDatabase("names"))
                .withRedis(TestRedis.url(), TestRedis.uniquePrefix("names"))
                .withLimits(Limits.defaults().withSignInsPerMinute(0));
        first = Gateway.start(firstVertx, config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        second = Gateway.start(secondVertx, config).toCompletionStage().toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Gateway gateway : new Gateway[] {first, second}) {
            if (gateway != null) {
                gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        firstVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        secondVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aGuestAskingForALookAlikeOfARegisteredNameGetsAGuestNameAndTheReason() throws Exception {
        String olga = unique("olga");
        assertThat(post(first, "/api/signup", credentials(olga, "long enough")).statusCode()).isEqualTo(201);

        for (String lookAlike : List.of("\u043E" + olga.substring(1), olga + "\u034F", olga + "\uFE0F", olga + ".",
                olga.toUpperCase())) {
            JsonObject welcome = richGuest(second, "names-it", lookAlike).receiveJsonOfType("welcome");
            assertThat(welcome.getString("user")).as("asked for %s", lookAlike).startsWith("guest-");
            assertThat(welcome.getBoolean("guest")).isTrue();
            assertThat(welcome.getString("name_refused")).as("asked for %s", lookAlike)
                    .contains("registered name \u201c" + olga + "\u201d");
        }
    }

    @Test
    void aGuestCannotTakeANameLikeTheServersGuestNames() {
        for (String asked : List.of("guest-ab23cd", "GUEST_ab23cd", "g\u057Dest-ab23cd")) {
            JsonObject welcome = richGuest(first, "names-it", asked).receiveJsonOfType("welcome");
            assertThat(welcome.getString("user")).isNotEqualTo(asked).startsWith("guest-");
            assertThat(welcome.getString("name_refused")).as("asked for %s", asked).contains("kept for guests");
        }
        JsonObject plain = richGuest(first, "names-it", "guesthouse").receiveJsonOfType("welcome");
        assertThat(plain.getString("user")).isEqualTo("guesthouse");
        assertThat(plain.containsKey("name_refused")).isFalse();
    }

    @Test
    void signUpRefusesLookAlikesOfARegisteredName() throws Exception {
        String alice = unique("alice");
        assertThat(post(first, "/api/signup", credentials(alice, "long enough")).statusCode()).isEqualTo(201);

        for (String lookAlike : List.of("\u0430" + alice.substring(1), alice + "\uFE0F", alice + ".",
                "a\u034F" + alice.substring(1))) {
            HttpResponse<String> again = post(second, "/api/signup", credentials(lookAlike, "long enough"));
            assertThat(again.statusCode()).as("signing up as %s", lookAlike).isEqualTo(409);
            assertThat(new JsonObject(again.body()).getString("error")).contains("looks like it");
        }
    }

    @Test
    void aNameThatSpellsOutPastTheColumnIsA400WithTheRule() throws Exception {
        HttpResponse<String> signUp = post(first, "/api/signup", credentials("\uFDFA".repeat(8), "long enough"));
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(400);
        assertThat(new JsonObject(signUp.body()).getString("error")).contains("spelled out").contains("128");

        JsonObject welcome = richGuest(first, "names-it", "\uFDFA".repeat(8)).receiveJsonOfType("welcome");
        assertThat(welcome.getString("user")).startsWith("guest-");
        assertThat(welcome.getString("name_refused")).contains("spelled out");
    }

    @Test
    void aGuestHoldingANameRegisteredOnTheOtherGatewayIsRenamedAndLeavesItsPresence() throws Exception {
        String carol = unique("carol");
        String room = "rename-" + carol;
        WebSocketTestClient guest = richGuest(second, room, "\u0441" + carol.substring(1)); // Cyrillic с
        assertThat(guest.receiveJsonOfType("welcome").getString("user")).isEqualTo("\u0441" + carol.substring(1));
        WebSocketTestClient watcher = richGuest(first, room, unique("watcher"));
        watcher.receiveJsonOfType("presence");

        assertThat(post(first, "/api/signup", credentials(carol, "long enough")).statusCode()).isEqualTo(201);

        JsonObject renamed = guest.receiveJsonOfType("renamed");
        String newName = renamed.getString("user");
        assertThat(newName).startsWith("guest-");
        assertThat(renamed.getString("previous")).isEqualTo("\u0441" + carol.substring(1));
        assertThat(renamed.getString("reason")).contains("registered");
        assertThat(watcher.receiveJsonOfType("presence.leave").getString("user"))
                .isEqualTo("\u0441" + carol.substring(1));
        assertThat(watcher.receiveJsonOfType("presence.join").getString("user")).isEqualTo(newName);

        guest.send(new JsonObject().put("type", "chat.send").put("message", "still here").put("client_id", "r1"));
        JsonObject seen = watcher.receiveJsonOfType("chat.message");
        assertThat(seen.getString("user")).isEqualTo(newName);
        assertThat(seen.getBoolean("guest")).isTrue();
    }

    @Test
    void richMessagesSayWhetherTheSenderIsAGuestAndTutorialOnesKeepTheirShape() throws Exception {
        String room = unique("flag");
        String member = unique("member");
        String cookie = cookieOf(post(first, "/api/signup", credentials(member, "long enough")));
        WebSocketTestClient signedIn = WebSocketTestClient.connectWith(Map.of("Cookie", cookie),
                ws(first, "/ws/chat/" + room + "/"), "parley.v1");
        WebSocketTestClient guest = richGuest(second, room, unique("visitor"));
        WebSocketTestClient tutorial = WebSocketTestClient.connect(ws(second, "/ws/chat/" + room + "/"));
        signedIn.receiveJsonOfType("presence");
        guest.receiveJsonOfType("presence");

        signedIn.send(new JsonObject().put("type", "chat.send").put("message", "from a member").put("client_id", "m"));
        assertThat(messageSaying(guest, "from a member").getBoolean("guest")).isFalse();
        guest.send(new JsonObject().put("type", "chat.send").put("message", "from a guest").put("client_id", "g"));
        assertThat(messageSaying(signedIn, "from a guest").getBoolean("guest")).isTrue();

        assertThat(tutorial.receiveJson().fieldNames())
                .containsExactlyInAnyOrder("type", "room", "seq", "user", "message", "sent_at");
        assertThat(tutorial.receiveJson().fieldNames())
                .containsExactlyInAnyOrder("type", "room", "seq", "user", "message", "sent_at");
    }

    @Test
    void aGuestWithAnotherGuestsNameCannotSpendItsAllowance() {
        String room = unique("allowance");
        String shared = unique("bob");
        WebSocketTestClient attacker = richGuest(first, room, shared);
        WebSocketTestClient victim = richGuest(first, room, shared);
        assertThat(victim.receiveJsonOfType("welcome").getString("user")).isEqualTo(shared);

        for (int i = 0; i < 15; i++) { // the whole burst a user has
            attacker.send(new JsonObject().put("type", "chat.send").put("message", "spend " + i)
                    .put("client_id", "a" + i));
        }
        for (int i = 0; i < 15; i++) {
            attacker.receiveJsonOfType("chat.ack");
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            victim.send(new JsonObject().put("type", "chat.send").put("message", "mine " + i).put("client_id", "v" + i));
        }
        while (answers.size() < 6) {
            JsonObject frame = victim.receiveJson();
            if ("chat.ack".equals(frame.getString("type")) || "error".equals(frame.getString("type"))) {
                answers.add(frame.getString("type") + ":" + frame.getString("code", ""));
            }
        }
        assertThat(answers).as("the victim's six messages").containsOnly("chat.ack:");
    }

    private static JsonObject messageSaying(WebSocketTestClient client, String text) {
        while (true) {
            JsonObject message = client.receiveJsonOfType("chat.message");
            if (text.equals(message.getString("message"))) {
                return message;
            }
        }
    }

    private static WebSocketTestClient richGuest(Gateway gateway, String room, String name) {
        return WebSocketTestClient.connect(ws(gateway, "/ws/chat/" + room + "/?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)), "parley.v1");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String credentials(String name, String password) {
        return new JsonObject().put("name", name).put("password", password).encode();
    }

    private static String cookieOf(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> post(Gateway gateway, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI ws(Gateway gateway, String path) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + path);
    }
}
