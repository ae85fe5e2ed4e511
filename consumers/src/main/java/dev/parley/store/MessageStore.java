package dev.parley.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Where chat messages are kept. Every message gets a per-room sequence number, strictly increasing, and is durably
 * committed before its Future completes. Failures travel as failed Futures carrying {@link StoreUnavailable}.
 */
public interface MessageStore {

    /**
     * Stores a message and gives it the room's next {@code seq}. A message with the {@code clientId} of one the same
     * user already posted in the room is not stored again: the result is the original, marked duplicate.
     */
    Future<Appended> append(NewMessage message);

    /**
     * Records an edit or deletion of a chat message as a room event of its own, with the room's next {@code seq}, and
     * makes it the message's current state, atomically. Refused (nothing stored) when the target is no chat message
     * of the room or is deleted ({@link Amended.Outcome#NO_SUCH_MESSAGE}) or is not the user's
     * ({@link Amended.Outcome#NOT_YOURS}). One with the {@code clientId} of a row the same user stored in the room
     * before is not stored again: the result is that row, marked duplicate.
     */
    Future<Amended> amend(Amendment amendment);

    /**
     * The latest messages of a room, oldest first. Here and below "messages" are the room's rows by seq: chat
     * messages with their current state, and the edits and deletions among them.
     */
    Future<Page> latest(String room, int limit);

    /** Messages with {@code seq} below {@code before}, the nearest ones, oldest first. */
    Future<Page> before(String room, long before, int limit);

    /**
     * Messages with {@code seq} above {@code after}, the nearest ones, oldest first. Seqs have no gaps, so when the
     * first is above {@code after + 1} the ones between were removed by the retention ({@link Page#skipsAfter}).
     */
    Future<Page> after(String room, long after, int limit);

    /** Rooms with their latest activity, most recent first. */
    Future<List<RoomSummary>> rooms(int limit);

    /** Whether the store answers now (for readiness). */
    Future<Boolean> ping();

    /** Finishes pending writes and releases connections. */
    Future<Void> close();

    /** The result of {@link #append}: the stored message, and whether it had been stored before. */
    record Appended(StoredMessage message, boolean duplicate) {
    }

    /** The result of {@link #amend}: the event stored (or stored before, for a duplicate), unless refused. */
    record Amended(Outcome outcome, Optional<StoredMessage> event) {

        public enum Outcome { AMENDED, DUPLICATE, NO_SUCH_MESSAGE, NOT_YOURS }
    }

    /** Messages oldest first, and whether more exist beyond them in the direction asked. */
    record Page(List<StoredMessage> messages, boolean hasMore) {

        public Page {
            messages = List.copyOf(messages);
        }

        /**
         * Whether this page, read after {@code after}, starts above {@code after + 1}: the messages between were
         * removed by the history's retention, and a client holding {@code after} must start again (a reset).
         */
        public boolean skipsAfter(long after) {
            return !messages.isEmpty() && messages.get(0).seq() > after + 1;
        }
    }
}
