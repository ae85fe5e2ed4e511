package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code CHAT_MAX_HTTP_CONNECTIONS_PER_IP} against running gateways: one address holds at most its cap of plain HTTP
 * connections, others are served meanwhile, a connection that becomes a WebSocket counts against the WebSocket caps
 * alone, and behind a trusted proxy the address is the one the proxy names in each request.
 */
class HttpConnectionCapIT {

    private static final int CAP = 3;
    private static Vertx vertx;
    private static Vertx proxiedVertx;
    private static Gateway direct;
    private static Gateway proxied;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        proxiedVertx = Vertx.vertx(); // port 0 in the same Vertx would share the other gateway's socket
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-http-cap-it"))
                .withLimits(Limits.defaults().withHttpConnectionsPerAddress(CAP));
        direct = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        proxied = Gateway.start(proxiedVertx, config.withTrustProxy(true))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        direct.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        proxied.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        proxiedVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        open.clear();
    }

    @Test
    void oneAddressHoldsAtMostItsCapWhileAnotherIsServedAndGetsAPlaceBackWhenOneCloses() throws Exception {
        String address = "127.0.0.11";
        List<RawHttp> opened = new ArrayList<>();
        for (int i = 0; i <= CAP; i++) {
            opened.add(keep(RawHttp.connect(direct.port(), address))); // connected, saying nothing, as a slow client
        }
        // One over the cap is refused: whichever the gateway counted last, as its event loops take connections side by
        // side. The others hear nothing (the handshake time-out is 10 s).
        ExecutorService listeners = Executors.newFixedThreadPool(opened.size());
        open.add(listeners::shutdownNow);
        List<CompletableFuture<RawHttp.Ending>> listening = new ArrayList<>();
        for (RawHttp connection : opened) { // side by side: each listens for 3 s from its own opening
            listening.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return connection.readToTheEnd(Duration.ofSeconds(3));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, listeners));
        }
        List<RawHttp> held = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < opened.size(); i++) {
            RawHttp connection = opened.get(i);
            RawHttp.Ending heard = listening.get(i).get(10, TimeUnit.SECONDS);
            if (heard.received().startsWith("HTTP/1.1 429")) {
                assertThat(heard.closed()).as("refused and closed").isTrue();
                refused++;
            } else {
                assertThat(heard.received()).as("a connection within the cap hears nothing").isEmpty();
                held.add(connection);
            }
        }
        assertThat(refused).as("connections refused of " + (CAP + 1)).isEqualTo(1);
        assertThat(healthz(direct.port(), address)).as("one over the cap")
                .startsWith("HTTP/1.1 429").contains("Too many connections from your address");
        assertThat(healthz(direct.port(), "127.0.0.12")).as("another address").startsWith("HTTP/1.1 200");

        held.get(0).close();
        Eventually.await(() -> healthzQuietly(direct.port(), address).startsWith("HTTP/1.1 200"),
                "a place for " + address + " once one of its connections closed");
    }

    @Test
    void connectionsThatBecameWebSocketsLeaveEveryPlainPlaceFree() throws Exception {
        String address = "127.0.0.13";
        for (int i = 0; i < CAP + 2; i++) {
            keep(RawWebSocket.open(direct.port(), "/ws/chat/http-cap/", "", 0, address));
        }
        for (int i = 0; i < CAP; i++) {
            RawHttp plain = keep(RawHttp.connect(direct.port(), address));
            plain.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(plain.readResponse()).as("plain connection " + (i + 1) + " beside the WebSockets")
                    .startsWith("HTTP/1.1 200");
        }
        assertThat(healthz(direct.port(), address)).as("one plain connection over the cap")
                .startsWith("HTTP/1.1 429");
    }

    @Test
    void behindATrustedProxyEachRequestCountsForTheAddressItNames() throws Exception {
        for (int i = 0; i < CAP; i++) {
            RawHttp connection = keep(RawHttp.connect(proxied.port()));
            connection.send(healthzRequest("203.0.113.7"));
            assertThat(connection.readResponse()).startsWith("HTTP/1.1 200");
        }
        try (RawHttp over = RawHttp.connect(proxied.port())) {
            assertThat(over.send(healthzRequest("198.51.100.1, 203.0.113.7")).readResponse())
                    .as("the proxy's own entry is the last").startsWith("HTTP/1.1 429");
        }
        try (RawHttp other = RawHttp.connect(proxied.port())) {
            assertThat(other.send(healthzRequest("203.0.113.8")).readResponse()).startsWith("HTTP/1.1 200");
        }
        // A handshake is the WebSocket caps' to count: it is not refused for the plain connections.
        assertThat(WebSocketTestClient.connectWith(Map.of("X-Forwarded-For", "203.0.113.7"),
                URI.create("ws://127.0.0.1:" + proxied.port() + "/ws/chat/http-cap/"))).satisfies(this::keepClient);
    }

    private void keepClient(WebSocketTestClient client) {
        open.add(client::abort);
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static String healthzRequest(String forwardedFor) {
        return "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n";
    }

    private static String healthzQuietly(int port, String fromAddress) {
        try {
            return healthz(port, fromAddress);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String healthz(int port, String fromAddress) throws Exception {
        try (RawHttp client = RawHttp.connect(port, fromAddress)) {
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            return client.readToTheEnd(Duration.ofSeconds(5)).received();
        }
    }
}
