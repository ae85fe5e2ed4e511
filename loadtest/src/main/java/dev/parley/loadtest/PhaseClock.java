package dev.parley.loadtest;

import java.time.Instant;

/** The run's current phase, read by every event loop, and the wall-clock time as the messages carry it. */
final class PhaseClock {

    private volatile Phase phase = Phase.CONNECT;
    private volatile int measuring;

    Phase phase() {
        return phase;
    }

    /** 1 while measuring, else 0: a number, so that code can pick its counters by it without branching. */
    int measuring() {
        return measuring;
    }

    void enter(Phase next) {
        phase = next;
        measuring = next == Phase.MEASURE ? 1 : 0;
    }

    /**
     * The wall clock at start-up, in epoch microseconds, less the monotonic clock then: so that now in epoch
     * microseconds is one addition per call (every send and every receipt) rather than a clock object.
     */
    private static final long EPOCH_OFFSET_MICROS = startOffset();

    /** Now in epoch microseconds, comparable between processes on one machine (and synchronised machines). */
    static long epochMicros() {
        return EPOCH_OFFSET_MICROS + System.nanoTime() / 1000;
    }

    private static long startOffset() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - System.nanoTime() / 1000;
    }
}
