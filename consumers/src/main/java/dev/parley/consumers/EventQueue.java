package dev.parley.consumers;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Runs a connection's events one at a time: each task starts when the Future of the one before it completes.
 * Channel-layer events go ahead of waiting client frames (each source keeps its own order): a burst of frames would
 * otherwise hold back the layer events they cause, and the connection's mailbox would overflow.
 *
 * <p>A task that completes before it returns does not start the next one itself: the next starts from a task of
 * its own on the event loop. Otherwise a run of such tasks (frames whose database write was already done) would
 * hold the event loop, and the layer events they cause, waiting there to be handed over, could not get ahead of
 * them. Used only from the connection's event loop, so it needs no locks.
 */
final class EventQueue {

    private final Context context;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<Pending> layerEvents = new ArrayDeque<>();
    private final Runnable afterEachTask;
    /** A task is running, or the next one is about to start from the event loop. */
    private boolean busy;

    /** {@code context} is the connection's; {@code afterEachTask} runs whenever a task completes, for flow control. */
    EventQueue(Context context, Runnable afterEachTask) {
        this.context = context;
        this.afterEachTask = afterEachTask;
    }

    /** Queues a task; the returned Future completes as the task's own does (a throwing task fails it). */
    Future<Void> submit(Supplier<Future<Void>> task) {
        return enqueue(pending, task);
    }

    /** Queues a channel-layer event, to run before waiting frames. */
    Future<Void> submitLayerEvent(Supplier<Future<Void>> task) {
        return enqueue(layerEvents, task);
    }

    /** Tasks waiting or running. */
    int size() {
        return pending.size() + layerEvents.size() + (busy ? 1 : 0);
    }

    private Future<Void> enqueue(ArrayDeque<Pending> queue, Supplier<Future<Void>> task) {
        if (!busy && pending.isEmpty() && layerEvents.isEmpty()) {
            return runAtOnce(task);
        }
        Promise<Void> done = Promise.promise();
        queue.add(new Pending(task, done));
        return done.future();
    }

    /**
     * Nothing waits: runs the task now. Most tasks (a frame written, an event passed on) complete before they
     * return, and then their own Future is the answer, with no promise or queue entry made for them.
     */
    private Future<Void> runAtOnce(Supplier<Future<Void>> task) {
        busy = true;
        Future<Void> result = run(task);
        if (result.isComplete()) {
            finished(true);
            return result;
        }
        Promise<Void> done = Promise.promise();
        result.onComplete(outcome -> {
            done.handle(outcome);
            finished(false);
        });
        return done.future();
    }

    private void runNext() {
        Pending next = layerEvents.isEmpty() ? pending.poll() : layerEvents.poll();
        if (next == null) {
            busy = false;
            return;
        }
        Future<Void> result = run(next.task());
        boolean synchronous = result.isComplete();
        result.onComplete(outcome -> {
            // Still busy while the completion handlers run: what they submit queues behind what already waits.
            next.done().handle(outcome);
            finished(synchronous);
        });
    }

    /** The running task completed: let flow control look, then start the next, from the event loop if need be. */
    private void finished(boolean synchronously) {
        afterEachTask.run();
        if (pending.isEmpty() && layerEvents.isEmpty()) {
            busy = false;
        } else if (synchronously) {
            context.runOnContext(v -> runNext());
        } else {
            runNext();
        }
    }

    private static Future<Void> run(Supplier<Future<Void>> task) {
        Future<Void> result;
        try {
            result = task.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return result != null ? result
                : Future.failedFuture(new IllegalStateException("a consumer hook returned null instead of a Future"));
    }

    private record Pending(Supplier<Future<Void>> task, Promise<Void> done) {
    }
}
