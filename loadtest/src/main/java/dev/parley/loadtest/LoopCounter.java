package dev.parley.loadtest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter with one writer (an event loop) and any readers: the writer adds with a plain read and an opaque write,
 * no atomic instruction and no shared cache line, which is what a per-frame counter can afford.
 */
final class LoopCounter {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(LoopCounter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // written and read through VALUE
    private long value;

    /** Only ever called from the owning event loop. */
    void add(long amount) {
        VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + amount);
    }

    void increment() {
        add(1);
    }

    /** The count as last written; from any thread. */
    long get() {
        return (long) VALUE.getOpaque(this);
    }
}
