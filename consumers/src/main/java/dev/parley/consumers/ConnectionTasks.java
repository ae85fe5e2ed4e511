package dev.parley.consumers;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Work a consumer starts that belongs to its connection, like a Trio nursery: timers, periodic tasks and blocking
 * calls that end with the connection. Reach it with {@link Connection#tasks()}.
 *
 * <p>When the connection closes (the client left, the network dropped, or the consumer closed it), before
 * {@link Consumer#disconnect} runs, everything started here is cancelled: timers and periodic tasks never run again,
 * and blocking calls still running are interrupted ({@link Thread#interrupt}) and their results ignored. From then
 * on, new timers come back already cancelled and new blocking calls fail with {@link ConnectionClosed}. So
 * {@code disconnect} is the last code of the consumer to run for the connection, and nothing outlives it by
 * accident. (For clean-up work that must block, {@code disconnect} calls {@link BlockingPool#run} directly.)
 *
 * <pre>{@code
 * public Future<Void> connect() {
 *     connection.tasks().every(Duration.ofSeconds(30), () -> connection.sendJson(new JsonObject().put("type", "tick")));
 *     return connection.accept();
 * }
 * }</pre>
 *
 * <p>Timer callbacks run like hooks: through the connection's event queue, one at a time with the frames and
 * events, on its event loop, so they never overlap a hook and need no locks. A callback that fails closes the
 * connection with 1011, like a hook. The methods may be called from any thread.
 */
public interface ConnectionTasks {

    /**
     * Runs the task once, {@code delay} from now, in turn with the connection's other events. The delay is at
     * least one millisecond.
     */
    ScheduledTask after(Duration delay, Supplier<Future<Void>> task);

    /**
     * Runs the task every {@code period}, first {@code period} from now. The period is counted from the end of one
     * run to the start of the next (a fixed delay), so a slow run never makes runs pile up. A run that fails closes
     * the connection with 1011 and stops the task.
     */
    ScheduledTask every(Duration period, Supplier<Future<Void>> task);

    /**
     * Runs blocking code (JDBC, a blocking HTTP call) on the pool, off the event loop; the Future completes on the
     * connection's event loop with its result or its exception. If the connection closes first, the thread is
     * interrupted and the Future fails with {@link ConnectionClosed}, whatever the code then returns. Code that
     * ignores interrupts keeps its thread until it returns.
     */
    <T> Future<T> blocking(BlockingPool pool, Callable<T> work);

    /** Whether the connection has closed, so that everything here is cancelled. */
    boolean isCancelled();
}
