package dev.parley.loadtest;

import io.vertx.core.Context;

/**
 * One event loop of the generator with what its users share: its counters, its send schedule and its frame
 * scanner, all used on that loop's thread only.
 *
 * <p>Warm-up messages are counted too, into counters nobody reads, by the very same code as measured ones: the
 * counters are picked by index ({@link #stats(int)}), not by a branch. A branch never taken while warming up would
 * be compiled as a trap, and the switch to measuring would then recompile the hottest code while it is measured.
 */
final class GeneratorLoop {

    private final Context context;
    private final LoopStats[] byMeasured;
    private final SendSchedule sends;
    private final FrameScanner scanner = new FrameScanner();

    GeneratorLoop(Context context, LoopStats measured) {
        this.context = context;
        this.byMeasured = new LoopStats[] {new LoopStats(), measured};
        this.sends = new SendSchedule(context);
    }

    Context context() {
        return context;
    }

    /** The counters of every frame, and of measured messages. */
    LoopStats stats() {
        return byMeasured[1];
    }

    /** The counters for a message: {@code measured} is 1 for a measured one, 0 for warm-up (not counted). */
    LoopStats stats(int measured) {
        return byMeasured[measured];
    }

    SendSchedule sends() {
        return sends;
    }

    FrameScanner scanner() {
        return scanner;
    }
}
