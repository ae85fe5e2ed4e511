package dev.parley.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool starts threads on demand up to its maximum, queues beyond it, and lets idle threads go. */
class BlockingPoolTest {

    @Test
    void reusesAnIdleThreadRatherThanStartingAnother() throws Exception {
        try (BlockingPool pool = BlockingPool.create(BlockingPool.Config.defaults())) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 20; i++) {
                await(pool.run(() -> threads.add(Thread.currentThread().getName())));
            }
            assertThat(pool.threads()).isEqualTo(1);
            assertThat(threads).hasSize(1).allMatch(name -> name.startsWith("parley-blocking-"));
        }
    }

    @Test
    void beyondItsMaximumWorkWaitsForAFreeThreadInsteadOfFailing() throws Exception {
        try (BlockingPool pool = BlockingPool.create(BlockingPool.Config.defaults().withMaxThreads(2))) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                results.add(pool.run(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    release.await();
                    running.decrementAndGet();
                    return n;
                }));
            }
            Eventually.await(() -> running.get() == 2, "two to run");
            assertThat(pool.queued()).isEqualTo(3);

            release.countDown();

            for (int i = 0; i < 5; i++) {
                assertThat(await(results.get(i))).isEqualTo(i);
            }
            assertThat(mostAtOnce.get()).isEqualTo(2);
            assertThat(pool.threads()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void anEventLoopThatSubmitsWorkDoesNotStartThePoolsThreadsItself() throws Exception {
        // A thread inherits its starter's inheritable thread-locals: the mark shows who started each pool thread.
        InheritableThreadLocal<String> startedBy = new InheritableThreadLocal<>();
        Vertx vertx = Vertx.vertx();
        try (BlockingPool pool = BlockingPool.create(BlockingPool.Config.defaults())) {
            CountDownLatch release = new CountDownLatch(1);
            Set<String> marks = ConcurrentHashMap.newKeySet();
            List<Future<Object>> results = new CopyOnWriteArrayList<>();
            CountDownLatch submitted = new CountDownLatch(1);
            vertx.runOnContext(v -> {
                startedBy.set("the event loop");
                for (int i = 0; i < 20; i++) {
                    results.add(pool.run(() -> {
                        marks.add(String.valueOf(startedBy.get()));
                        release.await();
                        return null;
                    }));
                }
                submitted.countDown();
            });
            assertThat(submitted.await(5, TimeUnit.SECONDS)).isTrue();
            Eventually.await(() -> pool.threads() == 20, "twenty threads, one for each blocked job");
            release.countDown();
            for (Future<Object> result : results) {
                await(result);
            }
            assertThat(marks).containsExactly("null");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void idleThreadsEnd() throws Exception {
        try (BlockingPool pool = BlockingPool.create(BlockingPool.Config.defaults().withKeepAlive(Duration.ofMillis(100)))) {
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.run(() -> {
                    release.await();
                    return null;
                }));
            }
            Eventually.await(() -> pool.threads() == 10, "ten threads");
            release.countDown();
            for (Future<Object> result : results) {
                await(result);
            }

            Eventually.await(() -> pool.threads() == 0, "idle threads to end", Duration.ofSeconds(5));
        }
    }

    @Test
    void closingInterruptsRunningWorkFailsWaitingWorkAndRefusesNewWork() throws Exception {
        BlockingPool pool = BlockingPool.create(BlockingPool.Config.defaults().withMaxThreads(1));
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> running = pool.run(() -> {
            started.countDown();
            Thread.sleep(10_000);
            return null;
        });
        Future<Object> waiting = pool.run(() -> null);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        pool.close();

        Eventually.await(() -> running.isComplete() && waiting.isComplete(), "both to complete");
        assertThat(running.cause()).isInstanceOf(InterruptedException.class);
        assertThat(waiting.cause()).hasMessageContaining("closed");
        assertThat(pool.run(() -> null).cause()).isInstanceOf(IllegalStateException.class);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
