package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 1: pings and pongs are frames like any other for flood control, and a client that sends pings
 * and never reads is disconnected instead of piling up pongs in the gateway's memory.
 */
class PingFloodIT {

    private static final String ROOM = "/ws/chat/ping-flood-it/";

    private Vertx vertx;
    private Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBurstOfPingsOverTheFrameRateIsClosedWith1008() throws Exception {
        start(Limits.defaults()); // 20 frames a second, bursts of 40: 40 + 30 refusals close
        try (Socket socket = RawWebSocket.open(gateway.port(), ROOM, "", 0)) {
            socket.getOutputStream().write(RawFrames.pings(200));

            RawFrames.Frame close = RawFrames.readUntilClose(new DataInputStream(socket.getInputStream()));
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).contains("flooding");
        }
    }

    @Test
    void aBurstOfUnaskedPongsOverTheFrameRateIsClosedWith1008() throws Exception {
        start(Limits.defaults());
        try (Socket socket = RawWebSocket.open(gateway.port(), ROOM, "", 0)) {
            byte[] pong = RawFrames.masked(RawFrames.PONG, true, new byte[0]);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 200; i++) {
                out.write(pong);
            }

            RawFrames.Frame first = RawFrames.read(new DataInputStream(socket.getInputStream()));
            assertThat(first.opcode()).as("nothing before the close: a pong is not answered").isEqualTo(RawFrames.CLOSE);
            assertThat(first.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void aPingFlooderThatNeverReadsIsDisconnected() throws Exception {
        start(Limits.defaults());
        assertFlooderIsDisconnected(0);
    }

    /**
     * With no frame limit, the pongs wait: first in the kernel's send buffer (up to 4 MiB here, outside the JVM;
     * about 6 s of this flood on a 2-core machine), then in the gateway's outbound queue, which stays full, and
     * after 2 s of that the slow-client check drops the connection. Pings with the largest payload (125 bytes)
     * fill the kernel's buffer fastest.
     */
    @Test
    void withoutAFrameLimitAPingFlooderThatNeverReadsIsDisconnectedAsASlowClient() throws Exception {
        start(Limits.defaults().withoutRateLimits().withSlowClientLimit(Duration.ofSeconds(2)));
        assertFlooderIsDisconnected(125);
    }

    /**
     * Pings as fast as the socket takes them, never reading, with a small receive buffer so that the pongs pile up
     * on the server's side: the gateway ends the connection (flood control: after its close frame has waited 10 s
     * unanswered; slowness: at once), and the flooder's writes then fail.
     */
    private void assertFlooderIsDisconnected(int payloadBytes) throws Exception {
        try (Socket socket = RawWebSocket.open(gateway.port(), ROOM, "", 4096)) {
            assertThat(gateway.connectionCount()).isEqualTo(1);
            CompletableFuture<Long> flooding = CompletableFuture.supplyAsync(() -> flood(socket, payloadBytes));

            Eventually.await(() -> gateway.connectionCount() == 0, "the gateway ends the flooder's connection",
                    Duration.ofSeconds(30));
            long pings = flooding.get(10, TimeUnit.SECONDS);
            assertThat(pings).as("pings written before the connection broke").isPositive();
        }
    }

    /** Writes pings until the connection breaks; returns how many it wrote. */
    static long flood(Socket socket, int payloadBytes) {
        byte[] batch = RawFrames.pings(1000, payloadBytes);
        long written = 0;
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(batch);
                written += 1000;
            }
        } catch (IOException broken) {
            return written;
        }
    }

    private void start(Limits limits) throws Exception {
        vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-ping-flood-it")).withLimits(limits);
        gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
