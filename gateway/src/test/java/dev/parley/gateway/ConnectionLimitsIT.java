package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connection caps per address and per user, and the idle time-out, against a running gateway behind a "proxy". */
class ConnectionLimitsIT {

    private static final Duration IDLE = Duration.ofSeconds(3);
    private static Vertx vertx;
    private static Gateway gateway;
    private final List<WebSocketTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-limits-it"))
                .withTrustProxy(true) // the tests play the load balancer, naming each client's address
                .withLimits(Limits.defaults().withConnectionCaps(3, 2).withIdleTimeout(IDLE));
        gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WebSocketTestClient::abort);
    }

    @Test
    void oneAddressHoldsAtMostItsCapAndGetsItsPlaceBackWhenOneCloses() {
        String address = "10.0.0." + (int) (Math.random() * 200 + 1);
        for (int i = 0; i < 3; i++) {
            clients.add(WebSocketTestClient.connectWith(Map.of("X-Forwarded-For", "203.0.113.9, " + address),
                    room()));
        }
        assertThat(WebSocketTestClient.refusedStatusWith(Map.of("X-Forwarded-For", address), room()))
                .isEqualTo(429);
        clients.add(WebSocketTestClient.connectWith(Map.of("X-Forwarded-For", "10.1.0.1"), room())); // not affected

        clients.get(0).close();
        Eventually.await(() -> WebSocketTestClient.tryConnectWith(Map.of("X-Forwarded-For", address), room())
                .map(clients::add).orElse(false), "a place is free again", Duration.ofSeconds(5));
    }

    @Test
    void theAddressesOfOneIpv6Slash64ShareOneCap() {
        String site = "2001:db8:" + Integer.toHexString((int) (Math.random() * 0xfff) + 1);
        String block = site + ":7:";
        for (int i = 1; i <= 3; i++) {
            clients.add(WebSocketTestClient.connectWith(Map.of("X-Forwarded-For", block + ":" + i), room()));
        }
        assertThat(WebSocketTestClient.refusedStatusWith(Map.of("X-Forwarded-For", block + "abcd:1:2:3"), room()))
                .as("another address of the same /64").isEqualTo(429);
        clients.add(WebSocketTestClient.connectWith(
                Map.of("X-Forwarded-For", site + ":8::1"), room())); // the next /64
    }

    @Test
    void oneUserHoldsAtMostItsCapFromAnyAddress() throws Exception {
        String cookie = signUp("capped-" + UUID.randomUUID().toString().substring(0, 6));
        clients.add(WebSocketTestClient.connectWith(Map.of("Cookie", cookie, "X-Forwarded-For", "10.2.0.1"), room()));
        clients.add(WebSocketTestClient.connectWith(Map.of("Cookie", cookie, "X-Forwarded-For", "10.2.0.2"), room()));

        assertThat(WebSocketTestClient.refusedStatusWith(Map.of("Cookie", cookie, "X-Forwarded-For", "10.2.0.3"),
                room())).isEqualTo(429);
    }

    @Test
    void aSilentPeerIsDroppedAfterTheIdleTimeoutWhileALiveOneAnswersPingsAndStays() throws Exception {
        WebSocketTestClient live = WebSocketTestClient.connectWith(Map.of("X-Forwarded-For", "10.3.0.1"), room());
        clients.add(live);
        try (Socket silent = RawWebSocket.open(gateway.port(), "/ws/chat/limits-it/",
                "X-Forwarded-For: 10.3.0.2\r\n", 0)) {
            silent.setSoTimeout((int) IDLE.multipliedBy(4).toMillis());
            long start = System.nanoTime();
            InputStream in = silent.getInputStream();
            try {
                while (in.read() != -1) {
                    // pings it never answers
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the silent peer was still connected after " + IDLE.multipliedBy(4));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("dropped after the idle time-out")
                    .isGreaterThanOrEqualTo(IDLE.minusMillis(500));
        }
        live.send(new JsonObject().put("message", "still here"));
        assertThat(live.receiveJson().getString("message")).isEqualTo("still here");
    }

    private static String signUp(String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/api/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("name", name).put("password", "long enough").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static URI room() {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/limits-it/");
    }
}
