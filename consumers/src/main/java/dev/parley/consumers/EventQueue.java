package dev.parley.consumers;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Runs a connection's events one at a time, in submission order: each task starts when the Future of the one
 * before it completes. Used only from the connection's event loop, so it needs no locks.
 */
final class EventQueue {

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Runnable afterEachTask;
    private boolean running;

    /** {@code afterEachTask} runs whenever a task completes, for flow control. */
    EventQueue(Runnable afterEachTask) {
        this.afterEachTask = afterEachTask;
    }

    /** Queues a task; the returned Future completes as the task's own does (a throwing task fails it). */
    Future<Void> submit(Supplier<Future<Void>> task) {
        Promise<Void> done = Promise.promise();
        pending.add(new Pending(task, done));
        if (!running) {
            runNext();
        }
        return done.future();
    }

    /** Tasks waiting or running. */
    int size() {
        return pending.size() + (running ? 1 : 0);
    }

    private void runNext() {
        Pending next = pending.poll();
        if (next == null) {
            running = false;
            return;
        }
        running = true;
        Future<Void> result;
        try {
            result = next.task().get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        if (result == null) {
            result = Future.failedFuture(new IllegalStateException("a consumer hook returned null instead of a Future"));
        }
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
