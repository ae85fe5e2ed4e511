package dev.parley.chat;

import dev.parley.store.MessageStore.Page;
import dev.parley.store.StoredMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one connection has been sent of its room's rows (messages, edits, deletions), by seq: each once and in seq
 * order. Seqs are gap-free per room, so a live row whose seq jumps, or a {@link LatestSeq} above the last sent, means
 * rows are on their way or were missed (published while Redis was away, or dropped from a full mailbox).
 *
 * <p>A live row after a gap waits, for {@link #HOLD} at most, for the missing ones to come live too (rows accepted
 * by two gateways at the same moment often arrive out of order: a gateway's own members get its rows before the
 * other's). Then, or at once on a {@link LatestSeq}, what is still missing is read from the store ({@link CatchUpReads}, shared with the node's other connections) and sent first. What comes from the
 * store is kept, so nobody sees a message that is not. A read does not hold up the connection's other events. Used
 * from the connection's event loop only (reads come back on it).
 */
final class InOrderDelivery {

    /** Nothing known yet: the first live row is sent as it is and sets the mark. */
    static final long UNKNOWN = -1;
    /** How long a live row after a gap waits for the missing rows to come live before they are read from the store. */
    static final Duration HOLD = Duration.ofMillis(500);
    /** Rows held at most; one more and the gap is filled from the store at once. */
    static final int MAX_HELD = 1_000;

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
    /** Live rows that came after a gap, by seq, waiting for it to close. */
    private final TreeMap<Long, String> held = new TreeMap<>();
    private boolean fillScheduled;
    /** When the oldest row now held was held ({@link System#nanoTime}). */
    private long heldSince;
    /** A store read is in flight; {@link #pendingFill} is how far the next must go, if one was asked for meanwhile. */
    private boolean filling;
    private long pendingFill = UNKNOWN;
    /** The frames going out, one after another. */
    private Future<Void> outbox = Future.succeededFuture();
    /** The highest seq sent, or in the client's history frame, with none missing below it (but a gap left unfilled). */
    private long sent = UNKNOWN;
    /**
     * The room's latest seq read when the client joined: rows up to it are not "missed" (they were posted before).
     * Only counts until the first row is sent; it never stops a live row (one posted as the read ran) from being sent.
     */
    private long floor = UNKNOWN;

    /** {@code sink} sends an encoded frame to the client, never failing. */
    InOrderDelivery(String room, WireMode mode, CatchUpReads reads, Context context,
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
        held.headMap(sent, true).clear();
    }

    /** The room's latest seq when the client joined, for a client whose history frame does not tell it. */
    void joinedAt(long latest) {
        floor = latest;
    }

    /** What the client is known to have, or not to need: the last seq sent, else the floor; or {@link #UNKNOWN}. */
    private long mark() {
        return sent != UNKNOWN ? sent : floor;
    }

    /** A live row: dropped if already sent; after a gap, held until the gap closes or is filled from the store. */
    Future<Void> live(long seq, String frame) {
        if ((sent != UNKNOWN && seq <= sent) || held.containsKey(seq)) {
            return Future.succeededFuture();
        }
        long mark = mark();
        if (mark == UNKNOWN || seq <= mark + 1) {
            sent = seq;
            send(frame);
            return sendHeldInOrder();
        }
        if (held.isEmpty()) {
            heldSince = System.nanoTime();
        }
        held.put(seq, frame);
        if (held.size() > MAX_HELD) {
            fill(held.lastKey());
        } else if (!fillScheduled) {
            fillAfter(HOLD.toNanos());
        }
        return Future.succeededFuture();
    }

    /** Fills the gap once the oldest held row has waited {@link #HOLD}, unless it closed by then. */
    private void fillAfter(long nanos) {
        fillScheduled = true;
        later.after(Duration.ofNanos(Math.max(nanos, 1_000_000)), () -> {
            fillScheduled = false;
            if (!held.isEmpty()) {
                long waited = System.nanoTime() - heldSince;
                if (waited >= HOLD.toNanos()) {
                    fill(held.lastKey());
                } else {
                    fillAfter(HOLD.toNanos() - waited); // An earlier gap closed; this one is younger.
                }
            }
            return Future.succeededFuture();
        });
    }

    /** The room has rows up to {@code seq}: what this client lacks of them is read from the store and sent. */
    Future<Void> latest(long seq) {
        long mark = mark();
        if (mark != UNKNOWN && seq > mark) {
            fill(Math.max(seq, held.isEmpty() ? seq : held.lastKey()));
        }
        return Future.succeededFuture();
    }

    /**
     * Reads the rows after the mark up to {@code upTo} from the store, page by page, and sends them (a held live row as
     * it came). The connection goes on with its events meanwhile: rows that come live in the while are sent or held as
     * usual, and the read skips what was sent. One read at a time; a fill asked for meanwhile follows it. When the
     * store fails or a read brings nothing new, the held rows are sent anyway, leaving the gap.
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
                // Whatever is still held up to here is past a gap the store could not fill: send it, not hold it forever.
                while (!held.isEmpty() && held.firstKey() <= upTo) {
                    Map.Entry<Long, String> next = held.pollFirstEntry();
                    sent = next.getKey();
                    send(next.getValue());
                }
                sendHeldInOrder();
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
            String liveFrame = held.remove(row.seq());
            send(liveFrame != null ? liveFrame : RoomEvents.frame(row, mode).encode());
        }
        return progressed;
    }

    /** Sends held rows that now follow on without a gap; the Future says when the client has taken them. */
    private Future<Void> sendHeldInOrder() {
        while (!held.isEmpty() && held.firstKey() == mark() + 1) {
            Map.Entry<Long, String> next = held.pollFirstEntry();
            sent = next.getKey();
            send(next.getValue());
        }
        return outbox;
    }

    /** Queues a frame behind those already going out, so that frames leave in the order they were decided. */
    private void send(String frame) {
        outbox = outbox.compose(v -> sink.apply(frame));
    }
}
