package dev.parley.consumers.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.BlockingPool;
import dev.parley.consumers.CloseCodes;
import dev.parley.consumers.Consumer;
import dev.parley.consumers.ConsumerFactory;
import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.testing.Eventually;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blocking consumers: each blocked hook holds only its own connection, in order, and ends with the connection. */
class BlockingConsumerTest {

    private Vertx vertx;
    private ChannelLayer layer;
    private BlockingPool pool;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        layer = new InMemoryChannelLayer(vertx);
        pool = BlockingPool.create(BlockingPool.Config.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        pool.close();
        layer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void twoHundredConnectionsBlockingASecondEachAreServedTogetherAndAsyncConsumersStayQuick() {
        int connections = 200;
        AtomicInteger sleeping = new AtomicInteger();
        AtomicInteger mostSleepingAtOnce = new AtomicInteger();
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        ConsumerFactory sleepy = BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            @Override
            public void receiveText(String text) throws InterruptedException {
                onEventLoop.add(Context.isOnEventLoopThread());
                mostSleepingAtOnce.accumulateAndGet(sleeping.incrementAndGet(), Math::max);
                Thread.sleep(1000);
                sleeping.decrementAndGet();
                c.send("slept " + text);
            }
        });
        ConsumerFactory echo = c -> new Consumer() {
            @Override
            public Future<Void> receiveText(String text) {
                return c.send(text);
            }
        };
        List<WebsocketCommunicator> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            WebsocketCommunicator client = communicator(sleepy);
            client.connect();
            clients.add(client);
        }
        WebsocketCommunicator echoClient = communicator(echo);
        echoClient.connect();

        long sent = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            clients.get(i).sendText(Integer.toString(i));
        }
        Eventually.await(() -> sleeping.get() == connections, "every hook to be asleep", Duration.ofSeconds(3));
        long echoSent = System.nanoTime();
        echoClient.sendText("still there?");
        assertThat(echoClient.receiveText(Duration.ofMillis(100))).isEqualTo("still there?");
        long echoMillis = (System.nanoTime() - echoSent) / 1_000_000;
        for (int i = 0; i < connections; i++) {
            long left = Math.max(1, 3000 - (System.nanoTime() - sent) / 1_000_000);
            assertThat(clients.get(i).receiveText(Duration.ofMillis(left))).isEqualTo("slept " + i);
        }
        long allMillis = (System.nanoTime() - sent) / 1_000_000;

        // Served in one round, not one after another (200 s) or ten at a time (20 s).
        assertThat(allMillis).isBetween(1000L, 3000L);
        assertThat(mostSleepingAtOnce.get()).isEqualTo(connections);
        assertThat(echoMillis).isLessThan(100);
        assertThat(onEventLoop).hasSize(connections).containsOnly(false);
    }

    @Test
    void framesToOneConnectionAreHandledOneAtATimeInOrder() {
        AtomicInteger running = new AtomicInteger();
        WebsocketCommunicator client = communicator(BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            @Override
            public void receiveText(String text) throws InterruptedException {
                if (running.incrementAndGet() != 1) {
                    log.add("overlap at " + text);
                }
                Thread.sleep(50 - 10L * Integer.parseInt(text)); // the first sleeps longest: a race would reorder them
                running.decrementAndGet();
                c.send(text);
            }
        }));
        client.connect();

        for (int i = 0; i < 5; i++) {
            client.sendText(Integer.toString(i));
        }

        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(client.receiveText());
        }
        assertThat(replies).containsExactly("0", "1", "2", "3", "4");
        assertThat(log).isEmpty();
    }

    @Test
    void fieldsAndGroupsWorkAcrossHooksAndEventsReachBlockingHandlers() {
        WebsocketCommunicator client = communicator(BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            private String name = "nobody"; // written in one hook, read in others, maybe on other threads

            @Override
            public List<String> groups() {
                return List.of("room.blocking");
            }

            @Override
            public void connect() {
                c.accept();
                name = c.scope().user().name();
            }

            @Override
            public void receiveText(String text) {
                c.groupSend("room.blocking", new JsonObject().put("type", "said").put("text", text));
            }

            @Override
            public Map<String, BlockingHandler> eventHandlers() {
                return Map.of("said", event -> c.send(name + ": " + event.getString("text")));
            }
        }));
        client.connect();

        client.sendText("hello");

        assertThat(client.receiveText()).isEqualTo("guest-test: hello");
    }

    @Test
    void aHookThatThrowsClosesWith1011AndDisconnectStillRuns() {
        WebsocketCommunicator client = communicator(BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            @Override
            public void receiveText(String text) {
                throw new IllegalStateException("secret detail");
            }

            @Override
            public void disconnect(int closeCode) {
                log.add("disconnect " + closeCode);
            }
        }));
        client.connect();

        client.sendText("anything");

        WebsocketCommunicator.Output.Close close = client.receiveClose();
        assertThat(close.code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
        assertThat(close.reason()).doesNotContain("secret");
        awaitLog("disconnect 1011");
    }

    @Test
    void aConnectThatThrowsRefusesTheHandshakeAndOneThatClosesRefusesWith403() {
        WebsocketCommunicator failing = communicator(BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            @Override
            public void connect() throws Exception {
                throw new java.sql.SQLException("database down");
            }
        }));
        WebsocketCommunicator closing = communicator(BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            @Override
            public void connect() {
                c.close(CloseCodes.POLICY_VIOLATION, "not you");
            }
        }));

        assertThat(failing.connect().httpStatus()).isEqualTo(500);
        assertThat(closing.connect().httpStatus()).isEqualTo(403);
    }

    @Test
    void disconnectInterruptsASleepingHookAndTheFramesQueuedBehindItNeverRun() throws InterruptedException {
        CountDownLatch asleep = new CountDownLatch(1);
        WebsocketCommunicator client = communicator(BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            @Override
            public void receiveText(String text) throws InterruptedException {
                log.add("received " + text);
                asleep.countDown();
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    log.add("interrupted");
                    throw e;
                }
            }

            @Override
            public void disconnect(int closeCode) throws InterruptedException {
                Thread.sleep(20); // runs uninterrupted, though the hooks before it were cut short
                log.add("disconnect " + closeCode);
            }
        }));
        client.connect();
        client.sendText("first");
        client.sendText("second");
        assertThat(asleep.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        client.disconnect(); // waits (at most a second) for disconnect to finish: it did not wait out the sleep

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        assertThat(log).containsExactly("received first", "interrupted", "disconnect 1000");
    }

    @Test
    void aPeriodicTaskRunsOnThePoolInTurnAndStopsWithTheConnection() throws InterruptedException {
        AtomicInteger ticks = new AtomicInteger();
        WebsocketCommunicator client = communicator(BlockingConsumer.factory(pool, c -> new BlockingConsumer() {
            @Override
            public void connect() {
                c.accept();
                c.every(Duration.ofMillis(30), () -> {
                    Thread.sleep(5); // blocking is fine here
                    c.send("tick " + ticks.incrementAndGet());
                });
            }
        }));
        client.connect();
        assertThat(client.receiveText()).isEqualTo("tick 1");
        assertThat(client.receiveText()).isEqualTo("tick 2");

        client.disconnect();
        int atDisconnect = ticks.get();
        Thread.sleep(200);

        assertThat(ticks.get()).isEqualTo(atDisconnect);
    }

    @Test
    void theBlockingConnectionRefusesToWaitOnAnEventLoop() {
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        WebsocketCommunicator client = communicator(BlockingConsumer.factory(pool, c -> {
            try {
                c.accept(); // the factory runs on the event loop: this would wait for itself
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
            return new BlockingConsumer() { };
        }));

        assertThat(client.connect().accepted()).isTrue();
        assertThat(thrown).singleElement().asString().contains("not from an event loop");
    }

    private WebsocketCommunicator communicator(ConsumerFactory factory) {
        Scope scope = Scope.of("/ws/test/", Map.of(), User.guest("guest-test"));
        return new WebsocketCommunicator(vertx, layer, factory, scope);
    }

    private void awaitLog(String line) {
        Eventually.await(() -> log.contains(line), "log line '" + line + "' (log: " + log + ")");
    }
}
