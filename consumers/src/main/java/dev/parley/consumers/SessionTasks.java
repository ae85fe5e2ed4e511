package dev.parley.consumers;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A session's {@link ConnectionTasks}: remembers what runs for the connection, so that {@link #cancelAll} can stop
 * it. Thread-safe, since blocking consumers schedule from worker threads; timer callbacks hop to the connection's
 * context and go through its {@link EventQueue}.
 */
final class SessionTasks implements ConnectionTasks {

    private final Context context;
    private final EventQueue events;
    private final Consumer<Throwable> timerFailed;
    private final Set<Timer> timers = ConcurrentHashMap.newKeySet();
    private final Set<BlockingCall> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** {@code timerFailed} is told when a timer callback fails, to close the connection as a failed hook would. */
    SessionTasks(Context context, EventQueue events, Consumer<Throwable> timerFailed) {
        this.context = context;
        this.events = events;
        this.timerFailed = timerFailed;
    }

    @Override
    public ScheduledTask after(Duration delay, Supplier<Future<Void>> task) {
        return start(new Timer(delay, task, false));
    }

    @Override
    public ScheduledTask every(Duration period, Supplier<Future<Void>> task) {
        return start(new Timer(period, task, true));
    }

    @Override
    public <T> Future<T> blocking(BlockingPool pool, Callable<T> work) {
        BlockingCall call = new BlockingCall();
        calls.add(call);
        if (cancelled) {
            call.interrupt(); // cancelAll may have missed it; it then never starts the work
        }
        return pool.run(context, () -> call.run(work))
                .transform(outcome -> {
                    calls.remove(call);
                    if (call.wasInterrupted()) {
                        return Future.failedFuture(new ConnectionClosed("the connection closed while blocking work ran"));
                    }
                    return outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause());
                });
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** The connection closed: stops every timer and interrupts every blocking call; refuses new ones. */
    void cancelAll() {
        cancelled = true;
        timers.forEach(Timer::cancel);
        calls.forEach(BlockingCall::interrupt);
    }

    private ScheduledTask start(Timer timer) {
        timers.add(timer);
        if (cancelled) {
            timer.cancel();
        } else {
            timer.schedule();
        }
        return timer;
    }

    /** One timer or periodic task; its fields are guarded by its own lock, since cancel may come from any thread. */
    private final class Timer implements ScheduledTask {

        private final long delayMillis;
        private final Supplier<Future<Void>> task;
        private final boolean periodic;
        private boolean stopped;
        private long timerId = -1;

        Timer(Duration delay, Supplier<Future<Void>> task, boolean periodic) {
            this.delayMillis = Math.max(1, delay.toMillis());
            this.task = task;
            this.periodic = periodic;
        }

        synchronized void schedule() {
            if (!stopped) {
                timerId = context.owner().setTimer(delayMillis, id -> context.runOnContext(v -> fire()));
            }
        }

        @Override
        public void cancel() {
            long id;
            synchronized (this) {
                stopped = true;
                id = timerId;
            }
            timers.remove(this);
            if (id >= 0) {
                context.owner().cancelTimer(id);
            }
        }

        private synchronized boolean isLive() {
            return !stopped && !cancelled;
        }

        /** On the connection's event loop: queue the run behind the events already waiting. */
        private void fire() {
            if (!isLive()) {
                return;
            }
            // Checked again when the run's turn comes: the connection may close while it waits in the queue.
            events.submit(() -> isLive() ? task.get() : Future.succeededFuture())
                    .onComplete(outcome -> {
                        if (outcome.failed()) {
                            cancel();
                            timerFailed.accept(outcome.cause());
                        } else if (periodic) {
                            schedule();
                        } else {
                            cancel();
                        }
                    });
        }
    }

    /** One blocking call: the thread running it, so that the connection closing can interrupt it. */
    private static final class BlockingCall {

        private Thread thread;
        private boolean interrupted;

        <T> T run(Callable<T> work) throws Exception {
            synchronized (this) {
                if (interrupted) {
                    throw new ConnectionClosed("the connection closed before blocking work started");
                }
                thread = Thread.currentThread();
            }
            try {
                return work.call();
            } finally {
                synchronized (this) {
                    thread = null;
                }
                // An interrupt meant for this call must not hit the next work the pool thread runs.
                Thread.interrupted();
            }
        }

        synchronized void interrupt() {
            interrupted = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        synchronized boolean wasInterrupted() {
            return interrupted;
        }
    }
}
