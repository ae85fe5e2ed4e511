package dev.parley.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * An edit (with {@code newText}) or a deletion (without) of the room's chat message {@code target}, asked for by
 * {@code user} at {@code sentAt}, with the client's id for it if any.
 *
 * @param authorship what the caller knows of whether {@code user} wrote the target; the store checks the rest
 */
public record Amendment(String room, long target, String user, Authorship authorship, Optional<String> newText,
                        Instant sentAt, Optional<String> clientId) {

    public Amendment {
        sentAt = sentAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** How a message's author is recognised (docs/protocol.md, "Editing and deleting"). */
    public enum Authorship {
        /** A signed-in user: the message has their name and was sent once their account existed. */
        ACCOUNT,
        /** A guest whose connection posted the target itself (a guest's name proves nothing beyond it). */
        POSTED_ON_THIS_CONNECTION,
        /** A guest whose connection did not post the target: never theirs. */
        NOT_POSTED_ON_THIS_CONNECTION
    }

    public StoredMessage.Kind kind() {
        return newText.isPresent() ? StoredMessage.Kind.EDIT : StoredMessage.Kind.DELETE;
    }
}
