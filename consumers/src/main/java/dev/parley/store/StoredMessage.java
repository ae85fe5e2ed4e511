package dev.parley.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of a room's history with its place in it: a chat message, or an edit or deletion of one (a room event of its
 * own, with its own seq).
 *
 * @param text     a message's current text ({@code ""} once deleted); an edit's new text ({@code ""} once its target
 *                 is deleted); {@code ""} for a deletion
 * @param sentAt   when the server accepted the message, or the edit or deletion
 * @param target   the seq of the message an edit or deletion amends; 0 for a message
 * @param editedAt a message's last edit, if it was edited
 * @param deleted  whether a message was deleted
 */
public record StoredMessage(String room, long seq, String user, String text, Instant sentAt, Optional<String> clientId,
                            Kind kind, long target, Optional<Instant> editedAt, boolean deleted) {

    /** What a row of the history is; {@link #wire()} is its name in the database. */
    public enum Kind {
        MESSAGE("message"), EDIT("edit"), DELETE("delete");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Kind of(String wire) {
            for (Kind kind : values()) {
                if (kind.wire.equals(wire)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown history row kind " + wire);
        }
    }

    /** A chat message as posted, never edited nor deleted. */
    public StoredMessage(String room, long seq, String user, String text, Instant sentAt, Optional<String> clientId) {
        this(room, seq, user, text, sentAt, clientId, Kind.MESSAGE, 0, Optional.empty(), false);
    }

    /** Whether this is an edit or deletion rather than a message. */
    public boolean isAmendment() {
        return kind != Kind.MESSAGE;
    }
}
