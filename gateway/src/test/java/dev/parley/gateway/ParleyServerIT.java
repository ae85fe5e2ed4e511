package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.consumers.Connection;
import dev.parley.consumers.Consumer;
import dev.parley.consumers.Handshake;
import dev.parley.consumers.HandshakeRefused;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import dev.parley.gateway.middleware.MiddlewareStack;
import dev.parley.gateway.middleware.OriginCheck;
import dev.parley.gateway.middleware.SessionAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server of one's own through the public API: an app with its own consumer, behind the default middleware, and
 * behind a stack the app changed.
 */
class ParleyServerIT {

    /** Answers each text frame with it and the user's name, as the middleware told it. */
    private record Echo(Connection connection) implements Consumer {
        @Override
        public Future<Void> receiveText(String text) {
            return connection.sendJson(new JsonObject().put("user", connection.scope().user().name()).put("text", text));
        }
    }

    private static JsonObject echoed(String user, String text) {
        return new JsonObject().put("user", user).put("text", text);
    }

    private static final App ECHO = (routes, services) -> routes.websocket("/ws/echo/", Echo::new);

    /** Refuses handshakes that carry {@code X-Block} with 418; counts the connections it let through. */
    private static final class BlockHeader implements Middleware {
        @Override
        public Future<Scope> admit(Handshake handshake) {
            return handshake.scope().header("x-block").isPresent()
                    ? Future.failedFuture(new HandshakeRefused(418, "blocked by a test"))
                    : Future.succeededFuture(handshake.scope());
        }
    }

    @Test
    void anAppOfOnesOwnIsServedBehindTheDefaultMiddleware() throws Exception {
        try (LocalGateway server = LocalGateway.start(ParleyServer.create().app(ECHO),
                GatewayConfig.defaults().withLimits(Limits.defaults().withFramesPerSecond(1)))) {
            URI echo = URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo/?name=ada");

            WebSocketTestClient client = WebSocketTestClient.connect(echo);
            client.send("hello");
            assertThat(client.receiveJson()).as("SessionAuth named the guest").isEqualTo(echoed("ada", "hello"));

            assertThat(WebSocketTestClient.refusedStatusFrom("https://evil.example", echo)).as("OriginCheck")
                    .isEqualTo(403);
            assertThat(WebSocketTestClient.refusedStatus(URI.create("ws://127.0.0.1:" + server.port() + "/ws/nope/")))
                    .isEqualTo(404);

            // FrameRateLimit: a burst of 2, then one a second; a client that keeps on is closed as flooding.
            for (int i = 0; i < 40; i++) {
                client.send("flood " + i);
            }
            WebSocketTestClient.Closed closed = client.receiveCloseSkippingFrames();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).contains("flooding");
        }
    }

    @Test
    void anAppChangesTheStackItsConnectionsPass() throws Exception {
        ParleyServer custom = ParleyServer.create().app(ECHO).middleware(stack -> stack
                .without(OriginCheck.class)
                .before(SessionAuth.class, new BlockHeader()));
        try (LocalGateway server = LocalGateway.start(custom, GatewayConfig.defaults())) {
            URI echo = URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo/?name=bo");

            assertThat(WebSocketTestClient.refusedStatusWith(Map.of("X-Block", "yes"), echo)).isEqualTo(418);
            WebSocketTestClient fromAnotherSite = WebSocketTestClient.connectFrom("https://evil.example", echo);
            fromAnotherSite.send("allowed");
            assertThat(fromAnotherSite.receiveJson()).isEqualTo(echoed("bo", "allowed"));
        }
    }

    @Test
    void theStackSaysWhatItHasWhenAskedToChangeWhatItHasNot() {
        MiddlewareStack stack = MiddlewareStack.of(new BlockHeader());
        assertThatThrownBy(() -> stack.without(OriginCheck.class))
                .hasMessageContaining("no OriginCheck").hasMessageContaining("BlockHeader");
        assertThat(stack.with(new BlockHeader()).middleware()).hasSize(2);
        assertThat(stack.middleware()).hasSize(1);
    }

    @Test
    void aServerWithoutAnAppRefusesToStart() {
        Vertx vertx = Vertx.vertx();
        try {
            assertThatThrownBy(() -> ParleyServer.create().start(vertx, GatewayConfig.defaults().withPort(0))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("no app");
        } finally {
            vertx.close();
        }
    }

    @Test
    void routesOfTwoAppsShareOneServer() throws Exception {
        App second = (routes, services) -> routes.websocket("/ws/second/", Echo::new, List.of());
        try (LocalGateway server = LocalGateway.start(ParleyServer.create().app(ECHO).app(second),
                GatewayConfig.defaults())) {
            WebSocketTestClient client = WebSocketTestClient.connect(
                    URI.create("ws://127.0.0.1:" + server.port() + "/ws/second/?name=cy"));
            client.send("hi");
            assertThat(client.receiveJson()).isEqualTo(echoed("cy", "hi"));
        }
    }
}
