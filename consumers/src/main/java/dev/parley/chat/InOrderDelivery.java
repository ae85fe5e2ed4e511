package dev.parley.chat;

import dev.parley.store.MessageStore.Page;
import dev.parley.store.StoredMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * What one connection has been sent of its room's rows (messages, edits, deletions), by seq: each once and in seq
 * order. Seqs are gap-free per room, so a live event whose seq jumps, or a {@link LatestSeq} above the last sent,
 * means rows were missed (published while Redis was away, or dropped from a full mailbox): they are read from the
 * store ({@link CatchUpReads}, shared with the node's other connections) and sent first. What comes from the store
 * is kept, so nobody sees a message that is not. Used from the connection's event loop, one event at a time.
 */
final class InOrderDelivery {

    /** Nothing known yet: the first live event is sent as it is and sets the mark. */
    static final long UNKNOWN = -1;

    private final String room;
    private final WireMode mode;
    private final CatchUpReads reads;
    private final Context context;
    private final Function<String, Future<Void>> sink;
    private long sent = UNKNOWN;

    /** {@code sink} sends an encoded frame to the client, never failing. */
    InOrderDelivery(String room, WireMode mode, CatchUpReads reads, Context context, Function<String, Future<Void>> sink) {
        this.room = room;
        this.mode = mode;
        this.reads = reads;
        this.context = context;
        this.sink = sink;
    }

    /** The client holds everything up to {@code seq} (the room's latest when it joined, or its history frame). */
    void holdsUpTo(long seq) {
        sent = Math.max(sent, seq);
    }

    /** The highest seq sent or held; {@link #UNKNOWN} before the first. */
    long sent() {
        return sent;
    }

    /** A live row: dropped if already sent; rows missing before it are read from the store and sent first. */
    Future<Void> live(long seq, String frame) {
        if (sent != UNKNOWN && seq <= sent) {
            return Future.succeededFuture();
        }
        Future<Void> before = sent == UNKNOWN || seq == sent + 1 ? Future.succeededFuture() : fill(seq - 1);
        return before.compose(v -> {
            if (seq <= sent) {
                return Future.succeededFuture();
            }
            sent = seq;
            return sink.apply(frame);
        });
    }

    /** The room has rows up to {@code seq}: what this client lacks of them is read from the store and sent. */
    Future<Void> latest(long seq) {
        if (sent == UNKNOWN || seq <= sent) {
            return Future.succeededFuture();
        }
        return fill(seq);
    }

    /**
     * Sends the stored rows after {@link #sent} up to {@code upTo}, page by page. Gives up, leaving the gap, when the
     * store fails or a read brings nothing new: a later event asks again.
     */
    private Future<Void> fill(long upTo) {
        long from = sent;
        return reads.after(room, from, context)
                .compose(page -> sendPage(page, upTo).map(progressed -> progressed && sent < upTo))
                .compose(more -> more ? fill(upTo) : Future.<Void>succeededFuture())
                .recover(e -> Future.succeededFuture());
    }

    /** Sends a page's rows above the mark and up to {@code upTo}, in order; whether any was sent. */
    private Future<Boolean> sendPage(Page page, long upTo) {
        Future<Void> chain = Future.succeededFuture();
        boolean progressed = false;
        for (StoredMessage row : page.messages()) {
            if (row.seq() <= sent) {
                continue;
            }
            if (row.seq() > upTo) {
                break;
            }
            sent = row.seq();
            progressed = true;
            String frame = RoomEvents.frame(row, mode).encode();
            chain = chain.compose(v -> sink.apply(frame));
        }
        boolean any = progressed;
        return chain.map(v -> any);
    }
}
