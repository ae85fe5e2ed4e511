package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway running in this JVM, spoken to over real sockets: routes, the tutorial contract, the rich protocol. */
class ChatGatewayIT {

    private static Vertx vertx;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path dataDir = Files.createTempDirectory("parley-gateway-it");
        gateway = Gateway.start(vertx, GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0).withDataDir(dataDir))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTutorialClientChats() {
        TutorialContract.check(gateway.port(), "it-tutorial");
    }

    @Test
    void roomsAreIsolated() {
        WebSocketTestClient lobby = WebSocketTestClient.connect(ws("/ws/chat/it-isolated-a/"));
        WebSocketTestClient kitchen = WebSocketTestClient.connect(ws("/ws/chat/it-isolated-b/"));

        lobby.send(new JsonObject().put("message", "for room a"));

        assertThat(lobby.receiveJson().getString("message")).isEqualTo("for room a");
        kitchen.receiveNothing();
    }

    @Test
    void unknownWebSocketPathsAreRefusedWith404() {
        assertThat(WebSocketTestClient.refusedStatus(ws("/ws/nowhere/"))).isEqualTo(404);
        assertThat(WebSocketTestClient.refusedStatus(ws("/ws/chat/"))).isEqualTo(404);
        assertThat(WebSocketTestClient.refusedStatus(ws("/ws/chat/lobby"))).isEqualTo(404);
        assertThat(WebSocketTestClient.refusedStatus(ws("/ws/chat/has.dot/"))).isEqualTo(404);
        assertThat(WebSocketTestClient.refusedStatus(ws("/ws/chat/" + "x".repeat(65) + "/"))).isEqualTo(404);
    }

    @Test
    void theLongestRoomNameIsAccepted() {
        String room = "r".repeat(64);
        WebSocketTestClient client = WebSocketTestClient.connect(ws("/ws/chat/" + room + "/"));
        client.send(new JsonObject().put("message", "fits"));
        assertThat(client.receiveJson().getString("room")).isEqualTo(room);
    }

    @Test
    void theRichProtocolIsChosenBySubprotocol() {
        WebSocketTestClient alice = WebSocketTestClient.connect(ws("/ws/chat/it-rich/?name=alice"), "parley.v1");
        WebSocketTestClient bob = WebSocketTestClient.connect(ws("/ws/chat/it-rich/?name=bob"), "parley.v1");

        assertThat(alice.subprotocol()).contains("parley.v1");
        JsonObject welcome = alice.receiveJson();
        assertThat(welcome.getString("type")).isEqualTo("welcome");
        assertThat(welcome.getString("user")).isEqualTo("alice");
        assertThat(bob.receiveJson().getString("type")).isEqualTo("welcome");
        bob.receiveJsonOfType("history"); // bob is in the room: what is said from now on reaches him live

        alice.send(new JsonObject().put("type", "chat.send").put("message", "hello").put("client_id", "c-1"));

        assertThat(alice.receiveJsonOfType("chat.ack").getString("client_id")).isEqualTo("c-1");
        JsonObject atBob = bob.receiveJsonOfType("chat.message");
        assertThat(atBob.getString("user")).isEqualTo("alice");
        assertThat(atBob.getString("message")).isEqualTo("hello");
        assertThat(atBob.getString("client_id")).isEqualTo("c-1");
    }

    @Test
    void anInvalidNameBecomesAGuestName() {
        WebSocketTestClient client = WebSocketTestClient.connect(ws("/ws/chat/it-names/?name=%3Cscript%3E"), "parley.v1");

        assertThat(client.receiveJson().getString("user")).matches("guest-[a-z0-9]{6}");
    }

    @Test
    void aMalformedFrameGetsAnErrorAndTheConnectionStaysUsable() {
        WebSocketTestClient client = WebSocketTestClient.connect(ws("/ws/chat/it-errors/"));

        client.send("{oops");
        JsonObject error = client.receiveJson();
        assertThat(error.getString("code")).isEqualTo("invalid_json");
        assertThat(error.getString("message")).isNotBlank();

        client.send(new JsonObject().put("message", "after the error"));
        assertThat(client.receiveJson().getString("message")).isEqualTo("after the error");
    }

    @Test
    void httpRoutesServeThePagesAndRefuseTheRest() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/").headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(get("/chat/lobby/").statusCode()).isEqualTo(200);
        assertThat(get("/chat/not!valid/").statusCode()).isEqualTo(404);
        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
        assertThat(get("/ws/chat/lobby/").statusCode()).isEqualTo(426);
        HttpResponse<String> health = get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("ok");
    }

    @Test
    void historyIsReadableOverHttp() throws Exception {
        WebSocketTestClient client = WebSocketTestClient.connect(ws("/ws/chat/it-api/"));
        for (int i = 1; i <= 3; i++) {
            client.send(new JsonObject().put("message", "m" + i));
            client.receiveJson();
        }

        JsonObject latest = new JsonObject(get("/api/rooms/it-api/messages?limit=2").body());
        assertThat(latest.getJsonArray("messages")).extracting(m -> ((JsonObject) m).getString("message"))
                .containsExactly("m2", "m3");
        assertThat(latest.getBoolean("has_more")).isTrue();
        JsonObject older = new JsonObject(get("/api/rooms/it-api/messages?before=2").body());
        assertThat(older.getJsonArray("messages")).extracting(m -> ((JsonObject) m).getLong("seq")).containsExactly(1L);
        JsonObject newer = new JsonObject(get("/api/rooms/it-api/messages?after=1").body());
        assertThat(newer.getJsonArray("messages")).extracting(m -> ((JsonObject) m).getLong("seq")).containsExactly(2L, 3L);

        JsonObject rooms = new JsonObject(get("/api/rooms").body());
        assertThat(rooms.getJsonArray("rooms")).anySatisfy(room -> {
            assertThat(((JsonObject) room).getString("room")).isEqualTo("it-api");
            assertThat(((JsonObject) room).getLong("last_seq")).isEqualTo(3L);
        });
    }

    @Test
    void badHistoryParametersAreRefusedWith400() throws Exception {
        for (String query : new String[] {"?before=abc", "?after=-1", "?limit=0", "?limit=201", "?before=2&after=1"}) {
            HttpResponse<String> response = get("/api/rooms/it-api/messages" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getString("error")).as(query).isNotBlank();
        }
        assertThat(get("/api/rooms/not!a!room/messages").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + path);
    }
}
