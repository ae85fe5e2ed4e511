package dev.parley.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Work tied to a connection: timers, periodic tasks and blocking calls end when it closes, never after disconnect. */
class ConnectionTasksTest {

    private static final Duration PERIOD = Duration.ofMillis(50);

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
    void aPeriodicTaskStartedInConnectStopsWhenTheClientDisconnects() throws InterruptedException {
        AtomicInteger ticks = new AtomicInteger();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> connect() {
                c.tasks().every(PERIOD, () -> {
                    ticks.incrementAndGet();
                    return Future.succeededFuture();
                });
                return c.accept();
            }
        });
        client.connect();
        Eventually.await(() -> ticks.get() >= 3, "three ticks");

        client.disconnect();
        int atDisconnect = ticks.get();
        Thread.sleep(PERIOD.multipliedBy(6).toMillis());

        assertThat(ticks.get()).isEqualTo(atDisconnect);
    }

    @Test
    void aTimerPendingAtDisconnectOrScheduledAfterItNeverRuns() throws InterruptedException {
        AtomicReference<Connection> connection = new AtomicReference<>();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> connect() {
                connection.set(c);
                c.tasks().after(Duration.ofMillis(200), () -> ran("pending at disconnect"));
                return c.accept();
            }

            @Override
            public Future<Void> disconnect(int closeCode) {
                ScheduledTask ignored = c.tasks().after(Duration.ofMillis(1), () -> ran("scheduled in disconnect"));
                log.add("disconnect " + closeCode);
                return Future.succeededFuture();
            }
        });
        client.connect();

        client.disconnect();
        connection.get().tasks().after(Duration.ofMillis(1), () -> ran("scheduled after disconnect"));
        Thread.sleep(400);

        assertThat(log).containsExactly("disconnect 1000");
        assertThat(connection.get().tasks().isCancelled()).isTrue();
    }

    @Test
    void aTimerRunsInTurnWithTheHooksNeverDuringOne() {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> receiveText(String text) {
                log.add("hook start");
                c.tasks().after(Duration.ofMillis(1), () -> ran("timer"));
                Promise<Void> done = Promise.promise();
                vertx.setTimer(100, id -> {
                    log.add("hook end");
                    done.complete();
                });
                return done.future();
            }
        });
        client.connect();

        client.sendText("go");

        awaitLog("timer");
        assertThat(log).containsExactly("hook start", "hook end", "timer");
    }

    @Test
    void aCancelledTimerDoesNotRunAndTheConnectionGoesOn() throws InterruptedException {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> receiveText(String text) {
                c.tasks().after(Duration.ofMillis(50), () -> ran("cancelled timer")).cancel();
                c.tasks().after(Duration.ofMillis(100), () -> c.send("kept timer"));
                return Future.succeededFuture();
            }
        });
        client.connect();

        client.sendText("go");

        assertThat(client.receiveText()).isEqualTo("kept timer");
        assertThat(log).isEmpty();
    }

    @Test
    void aTimerThatFailsClosesWith1011AndAPeriodicTaskStops() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> connect() {
                c.tasks().every(PERIOD, () -> {
                    runs.incrementAndGet();
                    return Future.failedFuture(new IllegalStateException("tick failed"));
                });
                return c.accept();
            }
        });
        client.connect();

        assertThat(client.receiveClose().code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
        Thread.sleep(PERIOD.multipliedBy(4).toMillis());
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aBlockingCallInFlightIsInterruptedWhenTheConnectionCloses() throws InterruptedException {
        CountDownLatch sleeping = new CountDownLatch(1);
        AtomicReference<Future<String>> call = new AtomicReference<>();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> receiveText(String text) {
                // Not returned: the hook finishes at once and the call runs on, owned by the connection.
                call.set(c.tasks().blocking(pool, () -> {
                    sleeping.countDown();
                    try {
                        Thread.sleep(10_000);
                        return "slept";
                    } catch (InterruptedException e) {
                        log.add("interrupted");
                        return "result after the interrupt";
                    }
                }));
                return Future.succeededFuture();
            }
        });
        client.connect();
        client.sendText("go");
        assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();

        client.disconnect();

        awaitLog("interrupted");
        Eventually.await(() -> call.get().isComplete(), "the blocking call to complete");
        assertThat(call.get().cause()).isInstanceOf(ConnectionClosed.class); // its result is ignored
    }

    @Test
    void aBlockingCallAskedForAfterTheConnectionClosedNeverStarts() {
        AtomicReference<Connection> connection = new AtomicReference<>();
        WebsocketCommunicator client = communicator(c -> {
            connection.set(c);
            return new Consumer() { };
        });
        client.connect();
        client.disconnect();

        Future<Void> late = connection.get().tasks().blocking(pool, () -> {
            log.add("ran");
            return null;
        });

        Eventually.await(late::isComplete, "the refused call to complete");
        assertThat(late.cause()).isInstanceOf(ConnectionClosed.class);
        assertThat(log).isEmpty();
    }

    private Future<Void> ran(String what) {
        log.add(what);
        return Future.succeededFuture();
    }

    private WebsocketCommunicator communicator(ConsumerFactory factory) {
        Scope scope = Scope.of("/ws/test/", Map.of(), User.guest("guest-test"));
        return new WebsocketCommunicator(vertx, layer, factory, scope);
    }

    private void awaitLog(String line) {
        Eventually.await(() -> log.contains(line), "log line '" + line + "' (log: " + log + ")");
    }
}
