package dev.parley.consumers;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Runs a connection's events one at a time: each task starts when the Future of the one before it completes.
 * Channel-layer events go ahead of waiting client frames (each source keeps its own order): a burst of frames would
 * otherwise hold back the layer events they cause, and the connection's mailbox would overflow. Used only from the
 * connection's event loop, so it needs no locks.
 */
final class EventQueue {

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<Pending> layerEvents = new ArrayDeque<>();
    private final Runnable afterEachTask;
    private boolean running;

    /** {@code afterEachTask} runs whenever a task completes, for flow control. */
    EventQueue(Runnable afterEachTask) {
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

    private Future<Void> enqueue(ArrayDeque<Pending> queue, Supplier<Future<Void>> task) {
        if (!running && pending.isEmpty() && layerEvents.isEmpty()) {
            return runAtOnce(task);
        }
        Promise<Void> done = Promise.promise();
        queue.add(new Pending(task, done));
        if (!running) {
            runNext();
        }
        return done.future();
    }

    /** Tasks waiting or running. */
    int size() {
        return pending.size() + layerEvents.size() + (running ? 1 : 0);
    }

    /**
     * Nothing waits: runs the task now. Most tasks (a frame written, an event passed on) complete before they
     * return, and then their own Future is the answer, with no promise or queue entry made for them.
     */
    private Future<Void> runAtOnce(Supplier<Future<Void>> task) {
        running = true;
        Future<Void> result = run(task);
        if (!result.isComplete()) {
            Promise<Void> done = Promise.promise();
            result.onComplete(outcome -> {
                running = false;
                done.handle(outcome);
                afterEachTask.run();
                if (!running) {
                    runNext();
                }
            });
            return done.future();
        }
        running = false;
        afterEachTask.run();
        if (!running) {
            runNext(); // what the task itself submitted
        }
        return result;
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

    private void runNext() {
        Pending next = layerEvents.isEmpty() ? pending.poll() : layerEvents.poll();
        if (next == null) {
            running = false;
            return;
        }
        running = true;
        Future<Void> result = run(next.task());
        result.onComplete(outcome -> {
            // Run the next task before telling anyone, so a completion handler that submits more work queues it
            // behind what is already waiting.
            running = false;
            next.done().handle(outcome);
            afterEachTask.run();
            if (!running) {
                runNext();
            }
        });
    }

    private record Pending(Supplier<Future<Void>> task, Promise<Void> done) {
    }
}
