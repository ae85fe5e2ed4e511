package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The joined rooms a signed-in user keeps on the server ({@code /api/me/rooms}, docs/protocol.md), against a running
 * gateway: guests are refused, rooms are added, listed and removed, bad names and other sites' pages are refused,
 * and an account keeps at most 100.
 */
class JoinedRoomsApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Vertx VERTX = Vertx.vertx();
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = Gateway.start(VERTX, GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                        .withLimits(Limits.defaults().withSignInsPerMinute(0))
                        .withDataDir(Files.createTempDirectory("parley-joined-rooms")))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void guestsHaveNoRoomsOnTheServer() throws Exception {
        for (HttpResponse<String> refused : List.of(send("GET", "/api/me/rooms", Optional.empty()),
                send("PUT", "/api/me/rooms/lobby", Optional.empty()),
                send("DELETE", "/api/me/rooms/lobby", Optional.empty()))) {
            assertThat(refused.statusCode()).as(refused.request().method()).isEqualTo(401);
            assertThat(new JsonObject(refused.body()).getString("error")).contains("sign in");
        }
    }

    @Test
    void aSignedInUserAddsListsAndRemovesRooms() throws Exception {
        Optional<String> ada = Optional.of(signUp(unique("Ada")));
        Optional<String> bob = Optional.of(signUp(unique("Bob")));
        assertThat(rooms(ada)).isEmpty();

        assertThat(send("PUT", "/api/me/rooms/lobby", ada).statusCode()).isEqualTo(204);
        assertThat(send("PUT", "/api/me/rooms/design_review", ada).statusCode()).isEqualTo(204);
        assertThat(send("PUT", "/api/me/rooms/lobby", ada).statusCode()).as("joined already").isEqualTo(204);
        assertThat(rooms(ada)).containsExactly("lobby", "design_review");
        assertThat(rooms(bob)).as("another user's").isEmpty();

        assertThat(send("DELETE", "/api/me/rooms/lobby", ada).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/me/rooms/never-joined", ada).statusCode()).isEqualTo(204);
        assertThat(rooms(ada)).containsExactly("design_review");
    }

    @Test
    void aBadRoomNameOrAnotherSitesPageIsRefused() throws Exception {
        Optional<String> cookie = Optional.of(signUp(unique("Cy")));
        for (String bad : List.of("has%20space", "dot.ted", "x".repeat(65))) {
            HttpResponse<String> refused = send("PUT", "/api/me/rooms/" + bad, cookie);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(new JsonObject(refused.body()).getString("error")).contains("room name");
        }
        HttpResponse<String> foreign = HTTP.send(request("PUT", "/api/me/rooms/lobby", cookie)
                .header("Origin", "https://elsewhere.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(rooms(cookie)).isEmpty();
    }

    @Test
    void anAccountKeepsAtMostAHundredRooms() throws Exception {
        Optional<String> cookie = Optional.of(signUp(unique("Busy")));
        IntStream.range(0, 100).forEach(i -> assertThat(statusOf("PUT", "/api/me/rooms/room-" + i, cookie))
                .as("room %d", i).isEqualTo(204));

        HttpResponse<String> refused = send("PUT", "/api/me/rooms/one-more", cookie);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(refused.body()).getString("error")).contains("100 rooms").contains("leave one");
        assertThat(send("PUT", "/api/me/rooms/room-7", cookie).statusCode()).as("joined already").isEqualTo(204);

        assertThat(send("DELETE", "/api/me/rooms/room-0", cookie).statusCode()).isEqualTo(204);
        assertThat(send("PUT", "/api/me/rooms/one-more", cookie).statusCode()).isEqualTo(204);
        assertThat(rooms(cookie)).hasSize(100).endsWith("one-more");
    }

    private static List<String> rooms(Optional<String> cookie) throws Exception {
        HttpResponse<String> response = send("GET", "/api/me/rooms", cookie);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("rooms").stream().map(String.class::cast).toList();
    }

    private static int statusOf(String method, String path, Optional<String> cookie) {
        try {
            return send(method, path, cookie).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(String method, String path, Optional<String> cookie) throws Exception {
        return HTTP.send(request(method, path, cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String path, Optional<String> cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        cookie.ifPresent(value -> request.header("Cookie", value));
        return request;
    }

    private static String signUp(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(request("POST", "/api/signup", Optional.empty())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name)
                        .put("password", "long enough").encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
