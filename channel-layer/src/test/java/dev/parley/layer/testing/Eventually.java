package dev.parley.layer.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that happens asynchronously, polling, and fails the test with what was awaited if it does not. */
public final class Eventually {

    /** Long enough for reconnects and expiries in the tests, short enough that a broken test fails soon. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    public static void await(BooleanSupplier condition, String what) {
        await(condition, what, DEFAULT_WAIT);
    }

    public static void await(BooleanSupplier condition, String what, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + wait.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
