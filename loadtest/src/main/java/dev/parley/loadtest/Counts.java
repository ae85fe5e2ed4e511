package dev.parley.loadtest;

/**
 * The counters of a run. Only messages sent while measuring count in {@code sent}, {@code expected},
 * {@code delivered} and {@code duplicates}; the reconnect scenario counts every message of its rooms by seq.
 *
 * @param held        connections open when measuring ended
 * @param expected    for each measured message, the members of its room connected when it was sent, its sender
 *                    included (the server echoes to the whole room)
 * @param delivered   measured messages received, each counted once per receiver
 * @param duplicates  measured messages a receiver got again
 * @param seqMissing  reconnect: seqs a client never got although the room reached them, even by gap fills
 * @param gapFills    reconnect: {@code history.after} requests clients sent for gaps that stayed open while connected
 * @param onlyGapFilled reconnect: seqs that only those requests brought (never live): missing without them
 * @param refused     refusals of measured sends: error frames answering them (a send retried and refused again
 *                    counts again). A refused send is not posted, so its deliveries are not expected
 * @param retried     rich protocol: refused sends sent again with the same client_id
 * @param givenUp     refused sends never sent again (tutorial: every refused one) or refused on their last try
 */
record Counts(long attempted, long held, long peakHeld, long failed, long dropped, long reconnects,
              long sentAll, long sent, long acked, long expected, long delivered, long duplicates, long received,
              long errors, long lateSends, long skippedSends, long seqMissing, long resets, long gapFills,
              long onlyGapFilled, long refused, long retried, long givenUp) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Expected deliveries that never came (never negative). */
    long lost() {
        return Math.max(0, expected - delivered);
    }

    /** Failed attempts as a percentage of all attempts. */
    double failedPercent() {
        return attempted == 0 ? 0 : 100.0 * failed / attempted;
    }

    Counts plus(Counts o) {
        return new Counts(attempted + o.attempted, held + o.held, peakHeld + o.peakHeld, failed + o.failed,
                dropped + o.dropped, reconnects + o.reconnects, sentAll + o.sentAll, sent + o.sent, acked + o.acked,
                expected + o.expected, delivered + o.delivered, duplicates + o.duplicates, received + o.received,
                errors + o.errors, lateSends + o.lateSends, skippedSends + o.skippedSends, seqMissing + o.seqMissing,
                resets + o.resets, gapFills + o.gapFills, onlyGapFilled + o.onlyGapFilled, refused + o.refused,
                retried + o.retried, givenUp + o.givenUp);
    }

    /** The same counts with more expected deliveries: those of rooms shared between merged processes. */
    Counts withExpected(long more) {
        return new Counts(attempted, held, peakHeld, failed, dropped, reconnects, sentAll, sent, acked,
                expected + more, delivered, duplicates, received, errors, lateSends, skippedSends, seqMissing, resets,
                gapFills, onlyGapFilled, refused, retried, givenUp);
    }
}
