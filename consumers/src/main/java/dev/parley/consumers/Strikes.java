package dev.parley.consumers;

import java.util.concurrent.TimeUnit;

/**
 * Refusals of one connection within a window: a client refused {@value #TO_CLOSE} times within
 * {@value #WINDOW_SECONDS} s keeps on regardless of being told, and is flooding. Used from the connection's event
 * loop only.
 */
public final class Strikes {

    public static final int TO_CLOSE = 30;
    public static final int WINDOW_SECONDS = 10;
    /** The close reason for a flooding connection (with close code 1008). */
    public static final String FLOODING = "flooding: too many frames";

    private int count;
    private long since;

    /** Counts a refusal; always false, so that {@code allowed || strikes.strike()} reads as "allowed: no". */
    public boolean strike() {
        long now = System.nanoTime();
        if (now - since > TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)) {
            count = 0;
            since = now;
        }
        count++;
        return false;
    }

    /** Whether the connection has been refused so often lately that it should be closed. */
    public boolean flooding() {
        return count >= TO_CLOSE;
    }
}
