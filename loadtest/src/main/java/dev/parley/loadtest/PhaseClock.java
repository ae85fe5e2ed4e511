package dev.parley.loadtest;

import java.time.Instant;

/** The run's current phase, read by every event loop, and the wall-clock time as the messages carry it. */
final class PhaseClock {

    private volatile Phase phase = Phase.CONNECT;

    Phase phase() {
        return phase;
    }

    void enter(Phase next) {
        phase = next;
    }

    /** Now in epoch microseconds, comparable between processes on one machine. */
    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
