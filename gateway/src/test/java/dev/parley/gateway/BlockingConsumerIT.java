package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.Connection;
import dev.parley.consumers.Consumer;
import dev.parley.consumers.blocking.BlockingConnection;
import dev.parley.consumers.blocking.BlockingConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking consumers behind a real server, with real clients: each connection's blocked hook holds up only that
 * connection, so hundreds block at once in about the time of one, while async consumers beside them keep their
 * latency; and one connection's frames are still handled one at a time, in order.
 */
class BlockingConsumerIT {

    private static final int SLOW_CLIENTS = 200;
    private static final Duration SLEEP = Duration.ofSeconds(1);

    private static LocalGateway server;

    /** For each text frame {@code "label millis"}: sleeps that long, then answers {@code {label, thread}}. */
    private record Sleeper(BlockingConnection connection) implements BlockingConsumer {
        @Override
        public void receiveText(String text) throws InterruptedException {
            String[] labelAndMillis = text.split(" ");
            Thread.sleep(Long.parseLong(labelAndMillis[1]));
            connection.sendJson(new JsonObject().put("label", labelAndMillis[0])
                    .put("thread", Thread.currentThread().getName()));
        }
    }

    private record Echo(Connection connection) implements Consumer {
        @Override
        public Future<Void> receiveText(String text) {
            return connection.send(text);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        App app = (routes, services) -> routes
                .websocket("/ws/slow/", BlockingConsumer.factory(services.blocking(), Sleeper::new))
                .websocket("/ws/echo/", Echo::new);
        server = LocalGateway.start(ParleyServer.create().app(app), GatewayConfig.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoHundredBlockedConnectionsAreServedAtOnceWhileAnAsyncOneKeepsItsLatency() throws Exception {
        List<WebSocketTestClient> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.add(WebSocketTestClient.connect(uri("/ws/slow/")));
        }
        WebSocketTestClient echo = WebSocketTestClient.connect(uri("/ws/echo/"));
        roundTrip(echo); // warmed up: the first frame's classes are loaded before anything is timed

        long sent = System.nanoTime();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.get(i).send("c" + i + " " + SLEEP.toMillis());
        }
        Duration sending = Duration.ofNanos(System.nanoTime() - sent);
        // The replies are collected on another thread, so that their time is taken as they come.
        CompletableFuture<Set<String>> replies = CompletableFuture.supplyAsync(() -> {
            Set<String> threads = new HashSet<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                JsonObject reply = slow.get(i).receiveJson();
                assertThat(reply.getString("label")).isEqualTo("c" + i);
                threads.add(reply.getString("thread"));
            }
            return threads;
        });

        // While the 200 sleep: 20 round trips on the async route, 25 ms apart, all within the second they sleep.
        List<Duration> roundTrips = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            roundTrips.add(roundTrip(echo));
            Thread.sleep(25);
        }
        Duration echoesDone = Duration.ofNanos(System.nanoTime() - sent);
        Set<String> threads = replies.get();
        Duration allReplied = Duration.ofNanos(System.nanoTime() - sent);

        Duration slowest = Collections.max(roundTrips);
        System.out.printf("BlockingConsumerIT: %d sends took %d ms; all %d replies %d ms after the first send, "
                        + "on %d threads; echo round trips max %.1f ms, median %.1f ms, done %d ms after the first send%n",
                SLOW_CLIENTS, sending.toMillis(), SLOW_CLIENTS, allReplied.toMillis(), threads.size(),
                slowest.toNanos() / 1e6, roundTrips.stream().sorted().toList().get(10).toNanos() / 1e6,
                echoesDone.toMillis());
        assertThat(echoesDone).as("the round trips were measured while the slow hooks slept").isLessThan(SLEEP);
        assertThat(slowest).as("slowest echo round trip while %d hooks block", SLOW_CLIENTS)
                .isLessThan(Duration.ofMillis(200));
        assertThat(threads).as("hooks ran on the blocking pool").allMatch(name -> name.startsWith("parley-blocking-"));
        // Served one after another: 200 s; by a 20-thread pool: 10 s.
        assertThat(allReplied).as("from the first send to the last of %d replies", SLOW_CLIENTS)
                .isLessThan(Duration.ofSeconds(3));
        slow.forEach(WebSocketTestClient::close);
    }

    @Test
    void oneConnectionsFramesAreHandledOneAtATimeInTheOrderTheyCame() {
        WebSocketTestClient client = WebSocketTestClient.connect(uri("/ws/slow/"));

        // Run side by side, the shorter sleeps would answer first.
        long sent = System.nanoTime();
        client.send("first 300");
        client.send("second 150");
        client.send("third 0");

        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            labels.add(client.receiveJson().getString("label"));
        }
        assertThat(labels).containsExactly("first", "second", "third");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("the sleeps ran one after another")
                .isGreaterThanOrEqualTo(Duration.ofMillis(450));
        client.close();
    }

    private static Duration roundTrip(WebSocketTestClient echo) {
        long start = System.nanoTime();
        echo.send("{\"ping\": true}");
        assertThat(echo.receiveJson()).isEqualTo(new JsonObject().put("ping", true));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }
}
