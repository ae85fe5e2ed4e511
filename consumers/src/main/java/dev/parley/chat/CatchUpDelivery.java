package dev.parley.chat;

import dev.parley.store.MessageStore.Page;
import dev.parley.store.StoredMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one connection has been sent of its room's rows (messages, edits, deletions), by seq: each once. Seqs are
 * gap-free per room, so a live row whose seq jumps, or a {@link LatestSeq} above the last sent, means rows are on
 * their way or were missed (published while Redis was away, or dropped from a full mailbox).
 *
 * <p>A live row is sent at once, even after a gap: rows accepted by two gateways at the same moment often arrive out
 * of order (a gateway's own members get its rows before the other's), and holding a row back until the earlier ones
 * came cost every cross-gateway room tens of milliseconds of fan-out latency. A gap still open after {@link #HOLD}
 * (or at once, on a {@link LatestSeq}) is filled from the store ({@link CatchUpReads}, shared with the node's other
 * connections): the missing rows are sent late, in seq order, and what was sent is never sent again. What comes from
 * the store is kept, so nobody sees a message that is not. A read does not hold up the connection's other events.
 * Used from the connection's event loop only (reads come back on it).
 */
final class CatchUpDelivery {

    /** Nothing known yet: the first live row is sent as it is and sets the mark. */
    static final long UNKNOWN = -1;
    /** How long a gap may stay open, waiting for its rows to come live, before they are read from the store. */
    static final Duration HOLD = Duration.ofMillis(500);
    /** Rows sent past a gap at most; one more and the gap is filled from the store at once. */
    static final int MAX_AHEAD = 1_000;

    /** Runs a task on the connection's event queue later (its {@code ConnectionTasks}). */
    @FunctionalInterface
    interface Later {
        void after(Duration delay, Supplier<Future<Void>> task);
    }

    private final String room;
    private final WireMode mode;
    private final CatchUpReads reads;
    private final Context context;
    private final Function<String, Future<Void>> sink;
    private final Later later;
    /** Seqs sent past a gap: above {@link #sent} + 1. */
    private final TreeSet<Long> ahead = new TreeSet<>();
    private boolean fillScheduled;
    /** Since when a gap has been open ({@link System#nanoTime}). */
    private long gapSince;
    /** A store read is in flight; {@link #pendingFill} is how far the next must go, if one was asked for meanwhile. */
    private boolean filling;
    private long pendingFill = UNKNOWN;
    /** The frames going out, one after another. */
    private Future<Void> outbox = Future.succeededFuture();
    /** The highest seq sent, or in the client's history frame, with none missing below it (or given up on). */
    private long sent = UNKNOWN;
    /**
     * The room's latest seq read when the client joined: rows up to it are not "missed" (they were posted before).
     * Only counts until the first row is sent; it never stops a live row (one posted as the read ran) from being sent.
     */
    private long floor = UNKNOWN;

    /** {@code sink} sends an encoded frame to the client, never failing. */
    CatchUpDelivery(String room, WireMode mode, CatchUpReads reads, Context context,
                    Function<String, Future<Void>> sink, Later later) {
        this.room = room;
        this.mode = mode;
        this.reads = reads;
        this.context = context;
        this.sink = sink;
        this.later = later;
    }

    /** The client holds everything up to {@code seq}: the highest seq of its (non-empty) history frame. */
    void holdsUpTo(long seq) {
        sent = Math.max(sent, seq);
        ahead.headSet(sent, true).clear();
        closeGaps();
    }

    /** The room's latest seq when the client joined, for a client whose history frame does not tell it. */
    void joinedAt(long latest) {
        floor = latest;
    }

    /** What the client is known to have, or not to need: the last seq sent, else the floor; or {@link #UNKNOWN}. */
    private long mark() {
        return sent != UNKNOWN ? sent : floor;
    }

    /** A live row: dropped if already sent, else sent at once; a gap before it is filled later if it stays open. */
    Future<Void> live(long seq, String frame) {
        if ((sent != UNKNOWN && seq <= sent) || ahead.contains(seq)) {
            return Future.succeededFuture();
        }
        send(frame);
        long mark = mark();
        if (mark == UNKNOWN || seq <= mark + 1) {
            sent = seq;
            closeGaps();
        } else {
            if (ahead.isEmpty()) {
                gapSince = System.nanoTime();
            }
            ahead.add(seq);
            if (ahead.size() > MAX_AHEAD) {
                fill(ahead.last());
            } else if (!fillScheduled) {
                fillAfter(HOLD.toNanos());
            }
        }
        return outbox;
    }

    /** Moves the mark over the rows already sent past it. */
    private void closeGaps() {
        while (!ahead.isEmpty() && ahead.first() <= sent + 1) {
            sent = Math.max(sent, ahead.pollFirst());
        }
    }

    /** Fills the gap once it has been open {@link #HOLD}, unless it closed by then. */
    private void fillAfter(long nanos) {
        fillScheduled = true;
        later.after(Duration.ofNanos(Math.max(nanos, 1_000_000)), () -> {
            fillScheduled = false;
            if (!ahead.isEmpty()) {
                long open = System.nanoTime() - gapSince;
                if (open >= HOLD.toNanos()) {
                    fill(ahead.last());
                } else {
                    fillAfter(HOLD.toNanos() - open);
                }
            }
            return Future.succeededFuture();
        });
    }

    /** The room has rows up to {@code seq}: what this client lacks of them is read from the store and sent. */
    Future<Void> latest(long seq) {
        long mark = mark();
        if (mark != UNKNOWN && seq > mark) {
            fill(Math.max(seq, ahead.isEmpty() ? seq : ahead.last()));
        }
        return Future.succeededFuture();
    }

    /**
     * Reads the rows after the mark up to {@code upTo} from the store, page by page, and sends those not sent yet. The
     * connection goes on with its events meanwhile: rows that come live in the while are sent as usual, and the read
     * skips what was sent. One read at a time; a fill asked for meanwhile follows it. When the store fails or a read
     * brings nothing new, the gap is given up on (a rich client can still ask with {@code history.after}).
     */
    private void fill(long upTo) {
        if (filling) {
            pendingFill = Math.max(pendingFill, upTo);
            return;
        }
        filling = true;
        reads.after(room, mark(), context).onComplete(read -> {
            boolean more = read.succeeded() && sendPage(read.result(), upTo) && mark() < upTo;
            if (!more) {
                while (!ahead.isEmpty() && ahead.first() <= upTo) {
                    sent = Math.max(sent, ahead.pollFirst());
                }
                closeGaps();
            }
            filling = false;
            long next = more ? upTo : pendingFill;
            pendingFill = UNKNOWN;
            if (next > mark()) {
                fill(next);
            }
        });
    }

    /** Sends a page's rows that follow on from the mark, up to {@code upTo}, in order; whether any was sent. */
    private boolean sendPage(Page page, long upTo) {
        boolean progressed = false;
        for (StoredMessage row : page.messages()) {
            if (row.seq() <= mark()) {
                continue;
            }
            if (row.seq() > upTo || row.seq() != mark() + 1) {
                break;
            }
            sent = row.seq();
            progressed = true;
            send(RoomEvents.frame(row, mode).encode());
            closeGaps();
        }
        return progressed;
    }

    /** Queues a frame behind those already going out, so that frames leave in the order they were decided. */
    private void send(String frame) {
        outbox = outbox.compose(v -> sink.apply(frame));
    }
}
