package dev.parley.chat;

import dev.parley.store.MessageStore.Page;
import dev.parley.store.StoredMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one connection has been sent of its room's rows (messages, edits, deletions), by seq: each once and in seq
 * order. Seqs are gap-free per room, so a live row whose seq jumps, or a {@link LatestSeq} above the last sent, means
 * rows are on their way or were missed (published while Redis was away, or dropped from a full mailbox).
 *
 * <p>A live row after a gap waits, for {@link #HOLD} at most, for the missing ones to come live too (rows accepted
 * by two gateways at the same moment often arrive out of order: a gateway's own members get its rows before the
 * other's). Then, or at once while the layer is unhealthy or on a {@link LatestSeq}, what is still missing is read
 * from the store ({@link CatchUpReads}, shared with the node's other connections) and sent first. What comes from the
 * store is kept, so nobody sees a message that is not. Used from the connection's event loop, one event at a time.
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
    private final BooleanSupplier missingMayComeLive;
    /** Live rows that came after a gap, by seq, waiting for it to close. */
    private final TreeMap<Long, String> held = new TreeMap<>();
    private boolean fillScheduled;
    /** The highest seq sent, or in the client's history frame, with none missing below it (but a gap left unfilled). */
    private long sent = UNKNOWN;
    /**
     * The room's latest seq read when the client joined: rows up to it are not "missed" (they were posted before).
     * Only counts until the first row is sent; it never stops a live row (one posted as the read ran) from being sent.
     */
    private long floor = UNKNOWN;

    /**
     * {@code sink} sends an encoded frame to the client, never failing; {@code missingMayComeLive} says whether rows
     * missing now may still come live (the layer is healthy), or are worth no wait.
     */
    InOrderDelivery(String room, WireMode mode, CatchUpReads reads, Context context,
                    Function<String, Future<Void>> sink, Later later, BooleanSupplier missingMayComeLive) {
        this.room = room;
        this.mode = mode;
        this.reads = reads;
        this.context = context;
        this.sink = sink;
        this.later = later;
        this.missingMayComeLive = missingMayComeLive;
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
            return sink.apply(frame).compose(v -> sendHeldInOrder());
        }
        held.put(seq, frame);
        if (held.size() > MAX_HELD || !missingMayComeLive.getAsBoolean()) {
            return fill(held.lastKey());
        }
        if (!fillScheduled) {
            fillScheduled = true;
            later.after(HOLD, () -> {
                fillScheduled = false;
                return held.isEmpty() ? Future.succeededFuture() : fill(held.lastKey());
            });
        }
        return Future.succeededFuture();
    }

    /** The room has rows up to {@code seq}: what this client lacks of them is read from the store and sent. */
    Future<Void> latest(long seq) {
        long mark = mark();
        if (mark == UNKNOWN || seq <= mark) {
            return Future.succeededFuture();
        }
        return fill(Math.max(seq, held.isEmpty() ? seq : held.lastKey()));
    }

    /**
     * Sends the rows after {@link #sent} up to {@code upTo}, from the store page by page (a held live row is sent as it
     * came). When the store fails or a read brings nothing new, the held rows are sent anyway, leaving the gap.
     */
    private Future<Void> fill(long upTo) {
        return fillFromStore(upTo).compose(v -> {
            // Whatever is still held is past a gap the store could not fill: send it rather than hold it forever.
            Future<Void> chain = Future.succeededFuture();
            while (!held.isEmpty() && held.firstKey() <= upTo) {
                Map.Entry<Long, String> next = held.pollFirstEntry();
                sent = next.getKey();
                chain = chain.compose(w -> sink.apply(next.getValue()));
            }
            return chain.compose(w -> sendHeldInOrder());
        });
    }

    private Future<Void> fillFromStore(long upTo) {
        return reads.after(room, mark(), context)
                .compose(page -> sendPage(page, upTo).map(progressed -> progressed && sent < upTo))
                .compose(more -> more ? fillFromStore(upTo) : Future.<Void>succeededFuture())
                .recover(e -> Future.succeededFuture());
    }

    /** Sends a page's rows above the mark and up to {@code upTo}, in order; whether any was sent. */
    private Future<Boolean> sendPage(Page page, long upTo) {
        Future<Void> chain = Future.succeededFuture();
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
            String frame = liveFrame != null ? liveFrame : RoomEvents.frame(row, mode).encode();
            chain = chain.compose(v -> sink.apply(frame));
        }
        boolean any = progressed;
        return chain.map(v -> any);
    }

    /** Sends held rows that now follow on without a gap. */
    private Future<Void> sendHeldInOrder() {
        Future<Void> chain = Future.succeededFuture();
        while (!held.isEmpty() && held.firstKey() == mark() + 1) {
            Map.Entry<Long, String> next = held.pollFirstEntry();
            sent = next.getKey();
            chain = chain.compose(v -> sink.apply(next.getValue()));
        }
        return chain;
    }
}
