package dev.parley.layer.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call that may block for minutes (a Docker probe, an image pull) on a daemon thread and waits for it
 * only so long: a half-working Docker must cost a test run seconds, not two minutes.
 */
final class BoundedCall {

    /** Why a bounded call gave no value: it did not finish in time, or it threw. The message says which. */
    static final class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BoundedCall() {
    }

    /**
     * The call's value if it returns within the bound; else {@link Failed}, whose message starts with {@code
     * what}. A call that overruns keeps running on its daemon thread, which does not hold up the JVM's exit.
     */
    static <T> T call(String what, Callable<T> call, Duration bound) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) { // NoClassDefFoundError and friends too: any of them means "not usable"
                result.completeExceptionally(e);
            }
        }, "parley-bounded-call");
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Failed(what + " did not finish within " + seconds(bound), e);
        } catch (ExecutionException e) {
            throw new Failed(what + " failed: " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(what + " was interrupted", e);
        }
    }

    /** The exception and its root cause, on one line: Testcontainers wraps the telling reason deep down. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = firstLine(failure);
        return root == failure ? text : text + " (root cause: " + firstLine(root) + ")";
    }

    private static String firstLine(Throwable failure) {
        return failure.toString().lines().findFirst().orElse(failure.getClass().getName());
    }

    private static String seconds(Duration bound) {
        return bound.toMillis() % 1000 == 0 ? bound.toSeconds() + " s" : bound.toMillis() + " ms";
    }
}
