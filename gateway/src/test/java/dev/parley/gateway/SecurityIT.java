package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.http.SecurityHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Safe defaults against a running gateway: the origin check, the frame size limit and the pages' headers. */
class SecurityIT {

    /** One each: two gateways of one Vert.x asked for port 0 would share one random port. */
    private static Vertx vertx;
    private static Vertx otherVertx;
    private static Gateway sameHost;
    private static Gateway listed;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        otherVertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-security-it"));
        sameHost = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        listed = Gateway.start(otherVertx, config.withAllowedOrigins(List.of("https://chat.example.com"))
                        .withLimits(Limits.defaults().withMaxMessageLength(100)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        sameHost.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        listed.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        otherVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void byDefaultOnlyPagesOfThisHostMayConnect() {
        URI room = room(sameHost);
        String self = "http://127.0.0.1:" + sameHost.port();

        assertThat(WebSocketTestClient.refusedStatusFrom("https://evil.example", room)).isEqualTo(403);
        assertThat(WebSocketTestClient.refusedStatusFrom("http://127.0.0.1:1", room)).as("another port").isEqualTo(403);
        assertThat(WebSocketTestClient.refusedStatusFrom("null", room)).as("a sandboxed page").isEqualTo(403);
        chatsFrom(self, room);
        chatsFrom(self.toUpperCase(), room);
    }

    @Test
    void clientsThatAreNotBrowsersSendNoOriginAndMayConnect() {
        WebSocketTestClient client = WebSocketTestClient.connect(room(sameHost));
        client.send(new JsonObject().put("message", "no origin"));
        assertThat(client.receiveJson().getString("message")).isEqualTo("no origin");
    }

    @Test
    void aListOfOriginsAllowsExactlyThose() {
        URI room = room(listed);

        chatsFrom("https://chat.example.com", room);
        assertThat(WebSocketTestClient.refusedStatusFrom("https://chat.example.com.evil.example", room)).isEqualTo(403);
        assertThat(WebSocketTestClient.refusedStatusFrom("http://chat.example.com", room)).isEqualTo(403);
        assertThat(WebSocketTestClient.refusedStatusFrom("http://127.0.0.1:" + listed.port(), room))
                .as("this host itself is not on the list").isEqualTo(403);
    }

    @Test
    void aFrameOverTheLimitClosesWith1009AndOneUnderItIsAnsweredWithAnError() {
        WebSocketTestClient under = WebSocketTestClient.connect(room(sameHost), "parley.v1");
        under.receiveJsonOfType("welcome");
        under.send(new JsonObject().put("type", "chat.send").put("message", "x".repeat(60_000)));
        assertThat(under.receiveJsonOfType("error").getString("code")).isEqualTo("message_too_long");

        WebSocketTestClient over = WebSocketTestClient.connect(room(sameHost));
        over.send(new JsonObject().put("message", "x".repeat(Limits.defaults().maxFrameBytes() + 1)));
        assertThat(over.receiveClose().code()).isEqualTo(1009);

        WebSocketTestClient stillServed = WebSocketTestClient.connect(room(sameHost));
        stillServed.send(new JsonObject().put("message", "after the flood"));
        assertThat(stillServed.receiveJson().getString("message")).isEqualTo("after the flood");
    }

    @Test
    void aConfiguredMessageLengthIsAnnouncedAndHeldTo() {
        WebSocketTestClient client = WebSocketTestClient.connect(room(listed), "parley.v1");
        assertThat(client.receiveJsonOfType("welcome").getInteger("max_message_length")).isEqualTo(100);

        client.send(new JsonObject().put("type", "chat.send").put("message", "é".repeat(101)).put("client_id", "c1"));
        JsonObject refused = client.receiveJsonOfType("error");
        assertThat(refused.getString("code")).isEqualTo("message_too_long");
        assertThat(refused.getString("client_id")).isEqualTo("c1");
        client.send(new JsonObject().put("type", "chat.send").put("message", "é".repeat(100)).put("client_id", "c2"));
        assertThat(client.receiveJsonOfType("chat.ack").getString("client_id")).isEqualTo("c2");
    }

    @Test
    void aFloodIsRefusedFrameByFrameAndThenClosedWith1008() {
        WebSocketTestClient flooder = WebSocketTestClient.connect(room(sameHost), "parley.v1");
        flooder.receiveJsonOfType("history");
        int sent = 0;
        while (sent < 500 && flooder.trySend(new JsonObject().put("type", "chat.send").put("message", "spam " + sent)
                .put("client_id", "s" + sent))) {
            sent++; // until the server closes the connection on the flooder
        }

        JsonObject refused = flooder.receiveJsonOfType("error");
        assertThat(refused.getString("code")).isEqualTo("rate_limited");
        assertThat(refused.getString("client_id")).as("the first refused message").isNotNull();
        WebSocketTestClient.Closed closed = flooder.receiveCloseSkippingFrames();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("flooding");

        WebSocketTestClient neighbour = WebSocketTestClient.connect(room(sameHost));
        neighbour.send(new JsonObject().put("message", "the room still works"));
        assertThat(neighbour.receiveJson().getString("message")).isEqualTo("the room still works");
    }

    @Test
    void pagesCarryAContentSecurityPolicyAndTheUsualHeaders() throws Exception {
        for (String path : List.of("/", "/chat/lobby/", "/static/js/room.js", "/nowhere")) {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + sameHost.port() + path)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.headers().firstValue("content-security-policy")).as(path)
                    .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("x-content-type-options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("x-frame-options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("referrer-policy")).as(path).hasValue("no-referrer");
        }
    }

    private static void chatsFrom(String origin, URI room) {
        WebSocketTestClient client = WebSocketTestClient.connectFrom(origin, room);
        client.send(new JsonObject().put("message", "from " + origin));
        assertThat(client.receiveJson().getString("message")).isEqualTo("from " + origin);
        client.close();
    }

    private static URI room(Gateway gateway) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/security-it/");
    }
}
