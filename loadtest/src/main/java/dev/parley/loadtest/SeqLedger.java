package dev.parley.loadtest;

import java.util.BitSet;

/**
 * Which seqs of its room one rich client holds, for the reconnect scenario: the highest seq below which it has
 * everything is what it resumes after, and a seq received live twice is a duplicate (a resume may bring again
 * what followed a gap: not a duplicate). Used on the client's event loop.
 */
final class SeqLedger {

    private final BitSet seen = new BitSet();
    private long duplicates;
    private long resets;

    /** Returns whether the seq is new to this client. */
    boolean accept(long seq) {
        if (seq < 1 || seq > Integer.MAX_VALUE) {
            return false;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return false;
        }
        seen.set((int) seq);
        return true;
    }

    boolean holds(long seq) {
        return seq >= 1 && seq <= Integer.MAX_VALUE && seen.get((int) seq);
    }

    /** The highest seq with nothing missing up to it: what to resume after. */
    long contiguous() {
        return seen.nextClearBit(1) - 1L;
    }

    /** The server sent only the latest messages (too much was missed): what came before is missing for good. */
    void reset() {
        resets++;
    }

    /** Seqs from 1 to {@code highest} this client never got. */
    long missingUpTo(long highest) {
        long held = seen.get(1, (int) Math.min(Integer.MAX_VALUE, highest + 1)).cardinality();
        return Math.max(0, highest - held);
    }

    long held() {
        return seen.cardinality();
    }

    long duplicates() {
        return duplicates;
    }

    long resets() {
        return resets;
    }
}
