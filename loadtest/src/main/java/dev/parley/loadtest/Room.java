package dev.parley.loadtest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One chat room as this process sees it: how many of its members are connected here right now (so a send knows
 * how many deliveries to expect), and, for rooms whose members live in several processes, what was sent here.
 *
 * @param shared whether other processes hold members of this room too
 */
record Room(String name, int senders, boolean shared, AtomicInteger connected, LongAdder sentMeasured,
            AtomicLong highestSeq) {

    Room(String name, int senders, boolean shared) {
        this(name, senders, shared, new AtomicInteger(), new LongAdder(), new AtomicLong());
    }

    /** Remembers the highest seq anyone here has seen in the room: every lower one exists (seqs have no gaps). */
    void sawSeq(long seq) {
        highestSeq.accumulateAndGet(seq, Math::max);
    }
}
