package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendScheduleTest {

    private static final long MS = 1_000_000;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A call of the schedule: who, when planned, when made. */
    private record Call(String sender, long planned, long made) {
    }

    @Test
    void manySendersAreCalledInTheOrderOfTheirPlannedTimes() throws Exception {
        Context loop = vertx.getOrCreateContext();
        List<Long> planned = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(40);
        long start = System.nanoTime() + 20 * MS;
        loop.runOnContext(v -> {
            SendSchedule schedule = new SendSchedule(loop);
            for (int i = 0; i < 20; i++) {
                int slot = (i * 7) % 20; // added out of order
                schedule.add(new SendSchedule.Sender() {
                    private int left = 2;

                    @Override
                    public long sendDue(long plannedNanos) {
                        planned.add(plannedNanos);
                        done.countDown();
                        return --left > 0 ? plannedNanos + 3 * MS : -1;
                    }
                }, start + slot * 2 * MS);
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        List<Long> made = new ArrayList<>();
        CountDownLatch read = new CountDownLatch(1);
        loop.runOnContext(v -> {
            made.addAll(planned);
            read.countDown();
        });
        read.await(5, TimeUnit.SECONDS);
        assertThat(made).hasSize(40).isSorted();
    }

    @Test
    void everySenderIsCalledAtItsPlannedTimesEarliestFirstUntilItStops() throws Exception {
        Context loop = vertx.getOrCreateContext();
        List<Call> calls = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(9);
        long start = System.nanoTime() + 20 * MS;
        loop.runOnContext(v -> {
            SendSchedule schedule = new SendSchedule(loop);
            for (String name : List.of("a", "b", "c")) {
                long first = start + (name.equals("a") ? 30 : name.equals("b") ? 0 : 15) * MS;
                schedule.add(new SendSchedule.Sender() {
                    private int left = 3;

                    @Override
                    public long sendDue(long plannedNanos) {
                        calls.add(new Call(name, plannedNanos, System.nanoTime()));
                        done.countDown();
                        return --left > 0 ? plannedNanos + 50 * MS : -1;
                    }
                }, first);
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200); // a sender that said -1 is not called again
        List<Call> made = new ArrayList<>();
        CountDownLatch read = new CountDownLatch(1);
        loop.runOnContext(v -> {
            made.addAll(calls);
            read.countDown();
        });
        read.await(5, TimeUnit.SECONDS);
        assertThat(made).hasSize(9);
        assertThat(made).extracting(Call::sender).startsWith("b", "c", "a");
        for (String name : List.of("a", "b", "c")) {
            List<Long> planned = made.stream().filter(c -> c.sender().equals(name)).map(Call::planned).toList();
            assertThat(planned).hasSize(3);
            assertThat(planned.get(1) - planned.get(0)).isEqualTo(50 * MS);
            assertThat(planned.get(2) - planned.get(1)).isEqualTo(50 * MS);
        }
        for (Call call : made) {
            assertThat(call.made()).as("never more than the slack early")
                    .isGreaterThanOrEqualTo(call.planned() - 4 * MS);
        }
    }
}
