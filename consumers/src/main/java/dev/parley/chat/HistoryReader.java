package dev.parley.chat;

import dev.parley.store.MessageStore;
import dev.parley.store.MessageStore.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** Reads a room's history for one connection and frames it (docs/protocol.md, "History"). */
final class HistoryReader {

    /** A resume catches up at most this many messages; past that the client starts again from the latest. */
    static final int MAX_RESUME = 500;
    /** Messages sent on a fresh join unless the client asks otherwise, and after a reset. */
    static final int DEFAULT_LATEST = 50;

    private final MessageStore store;
    private final String room;

    HistoryReader(MessageStore store, String room) {
        this.store = store;
        this.room = room;
    }

    /** The first history frame: what was missed since {@code after}, or the latest {@code latest} messages. */
    Future<JsonObject> onJoin(Optional<Long> after, int latest) {
        if (after.isEmpty()) {
            return latest(latest, new JsonObject());
        }
        return store.after(room, after.get(), MAX_RESUME).compose(missed -> {
            if (missed.hasMore()) {
                return latest(DEFAULT_LATEST, retention(missed, after.get()).put("reset", true));
            }
            if (missed.skipsAfter(after.get())) {
                // The retention removed what followed after: start again from the oldest kept, nothing older remains.
                return Future.succeededFuture(ServerFrames.history(room, new Page(missed.messages(), false),
                        retention(missed, after.get())));
            }
            boolean older = missed.messages().isEmpty() ? after.get() > 0 : missed.messages().get(0).seq() > 1;
            return Future.succeededFuture(ServerFrames.history(room, new Page(missed.messages(), older),
                    new JsonObject().put("resumed", true)));
        });
    }

    /** Older messages, answering {@code history.before}. */
    Future<JsonObject> before(long before, int limit) {
        return store.before(room, before, limit)
                .map(page -> ServerFrames.history(room, page, new JsonObject().put("before", before)));
    }

    /**
     * Newer messages, answering {@code history.after}: {@code has_more} then says whether newer ones remain, and
     * {@code reset} whether the retention removed the first ones asked for.
     */
    Future<JsonObject> after(long after, int limit) {
        return store.after(room, after, limit)
                .map(page -> ServerFrames.history(room, page, retention(page, after).put("after", after)));
    }

    /**
     * {@code "reset": true} and {@code "oldest_seq"} when the page skips seqs right after {@code after}: the
     * history's retention removed them (seqs have no gaps otherwise), so the client must start again; else nothing.
     */
    static JsonObject retention(Page page, long after) {
        return page.skipsAfter(after)
                ? new JsonObject().put("reset", true).put("oldest_seq", page.messages().get(0).seq())
                : new JsonObject();
    }

    private Future<JsonObject> latest(int count, JsonObject extra) {
        if (count == 0) {
            return store.latest(room, 1).map(page -> ServerFrames.history(room,
                    new Page(List.of(), !page.messages().isEmpty()), extra));
        }
        return store.latest(room, count).map(page -> ServerFrames.history(room, page, extra));
    }

    /** The highest seq in a history frame, 0 if it has none. */
    static long highestSeq(JsonObject historyFrame) {
        long highest = 0;
        for (Object message : historyFrame.getJsonArray("messages")) {
            highest = Math.max(highest, ((JsonObject) message).getLong("seq", 0L));
        }
        return highest;
    }
}
