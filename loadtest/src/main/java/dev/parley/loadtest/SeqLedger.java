package dev.parley.loadtest;

import java.util.BitSet;

/**
 * Which seqs of its room one rich client holds, for the reconnect scenario, and how each came: live, in the history
 * of a resume, or in the answer to a gap fill ({@code history.after}). The highest seq below which it has
 * everything is what it resumes after. A duplicate is a seq received live twice, or live after a resume brought it
 * (the server promises never to send again what a resume's history held). Neither is a resume's repeat of what
 * followed a gap, nor the live arrival of a seq a gap fill fetched while it was on its way. Used on the client's
 * event loop.
 */
final class SeqLedger {

    /** How a seq reached the client. */
    enum Source { LIVE, RESUME, GAP_FILL }

    private final BitSet seen = new BitSet();
    private final BitSet live = new BitSet();
    private final BitSet firstByResume = new BitSet();
    private final BitSet firstByGapFill = new BitSet();
    private long duplicates;
    private long resets;

    /** Returns whether the seq is new to this client. */
    boolean accept(long seq, Source source) {
        if (seq < 1 || seq > Integer.MAX_VALUE) {
            return false;
        }
        int at = (int) seq;
        boolean isNew = !seen.get(at);
        if (source == Source.LIVE) {
            if (live.get(at) || firstByResume.get(at)) {
                duplicates++;
            }
            live.set(at);
        } else if (isNew) {
            (source == Source.RESUME ? firstByResume : firstByGapFill).set(at);
        }
        seen.set(at);
        return isNew;
    }

    /** The highest seq with nothing missing up to it: what to resume after. */
    long contiguous() {
        return seen.nextClearBit(1) - 1L;
    }

    /** Whether a seq above {@link #contiguous} is held: some below it are missing. */
    boolean hasGap() {
        return seen.length() - 1L > contiguous();
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

    /** Seqs that only a gap fill brought: without it they would be missing. */
    long onlyByGapFill() {
        BitSet only = (BitSet) firstByGapFill.clone();
        only.andNot(live);
        return only.cardinality();
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
