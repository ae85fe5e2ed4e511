package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 1, end to end against the packaged jar: a client that sends pings as fast as it can and never
 * reads is closed, and while it floods, the gateway's live heap stays bounded.
 */
class PingFloodJarIT {

    private static final String ROOM = "/ws/chat/ping-flood-jar-it/";
    /** Live heap the flood may add. Before the fix, each unread pong held about 450 bytes: 32 MiB in well under 5 s. */
    private static final long HEAP_BOUND = 32L * 1024 * 1024;

    @Test
    void withTheDefaultsAPingFlooderIsClosed() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of());
             Socket socket = RawWebSocket.open(gateway.port(), ROOM, "", 4096)) {
            CompletableFuture<Long> flooding = CompletableFuture.supplyAsync(() -> PingFloodIT.flood(socket, 0));

            // Closed by flood control at once; the socket goes when the close frame has waited 10 s unanswered.
            long pings = flooding.get(30, TimeUnit.SECONDS);
            assertThat(pings).as("pings written before the gateway ended the connection").isPositive();
        }
    }

    /**
     * With flood control and the slow-client check out of the way, only the outbound queue's bound holds: pongs
     * are not queued while it is full. The flood runs for 5 s, during which the old gateway kept every pong.
     */
    @Test
    void withoutFrameLimitsTheGatewaysLiveHeapStaysBoundedWhileAFlooderNeverReads() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of(
                "CHAT_FRAMES_PER_SECOND", "0", "CHAT_SLOW_CLIENT_SECONDS", "3600"));
             Socket socket = RawWebSocket.open(gateway.port(), ROOM, "", 4096)) {
            long before = gateway.liveHeapBytes();
            CompletableFuture<Long> flooding = CompletableFuture.supplyAsync(() -> PingFloodIT.flood(socket, 0));
            Thread.sleep(5000);

            long during = gateway.liveHeapBytes();
            assertThat(flooding).as("the flood still runs: the gateway still reads").isNotDone();
            assertThat(during - before).as("live heap added by 5 s of pings never read (bytes)")
                    .isLessThan(HEAP_BOUND);
        }
    }
}
