package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that never reads its socket is disconnected, and the room's other clients get every message. */
class SlowClientIT {

    private static final int MESSAGES = 1500;
    private static final String TEXT = "y".repeat(3900);

    private Vertx vertx;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-slow-it"))
                // 1 500 messages from one client, as fast as the room takes them
                .withLimits(Limits.defaults().withoutRateLimits().withSlowClientLimit(Duration.ofSeconds(2)));
        gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedWithoutHoldingUpTheRoom() throws Exception {
        // A tiny receive buffer, and then never a byte read.
        try (Socket sleeper = RawWebSocket.open(gateway.port(), "/ws/chat/slow-it/", "", 4096)) {
            WebSocketTestClient reader = WebSocketTestClient.connect(
                    URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/slow-it/"));

            // In rounds of 50, within the room's channel capacity: a burst beyond it is another matter.
            for (int round = 0; round < MESSAGES / 50; round++) {
                for (int i = round * 50; i < (round + 1) * 50; i++) {
                    reader.send(new JsonObject().put("message", i + " " + TEXT));
                }
                for (int i = round * 50; i < (round + 1) * 50; i++) {
                    assertThat(reader.receiveJson().getString("message")).startsWith(i + " ");
                }
            }

            Eventually.await(() -> metric("parley_slow_clients_disconnected_total") == 1.0,
                    "the sleeper is disconnected", Duration.ofSeconds(10));
            reader.send(new JsonObject().put("message", "still here"));
            assertThat(reader.receiveJson().getString("message")).isEqualTo("still here");
        }
    }

    private double metric(String name) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.managementPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(
                    line -> Double.parseDouble(line.substring(name.length() + 1))).findFirst().orElse(-1);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
