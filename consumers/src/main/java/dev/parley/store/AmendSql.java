package dev.parley.store;

import dev.parley.store.MessageStore.Amended;
import dev.parley.store.MessageStore.Amended.Outcome;
import dev.parley.store.StoredMessage.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * An edit or deletion in one transaction, portable between Postgres and H2 (JDBC): locks the room's row (as appends
 * do, so the event's seq commits in order with theirs), finds a retry, checks the target and its author, takes the
 * room's next seq, inserts the event row and updates the message's current state.
 */
final class AmendSql {

    private AmendSql() {
    }

    static Amended amend(Connection connection, Amendment amendment) throws SQLException {
        String room = amendment.room();
        if (!lockRoom(connection, room)) {
            return new Amended(Outcome.NO_SUCH_MESSAGE, Optional.empty());
        }
        if (amendment.clientId().isPresent()) {
            Optional<StoredMessage> earlier = storedEarlier(connection, amendment);
            if (earlier.isPresent()) {
                return new Amended(Outcome.DUPLICATE, earlier);
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT user_name, sent_at, kind, deleted FROM chat_messages WHERE room = ? AND seq = ?")) {
            select.setString(1, room);
            select.setLong(2, amendment.target());
            try (ResultSet target = select.executeQuery()) {
                if (!target.next() || !Kind.MESSAGE.wire().equals(target.getString(3)) || target.getBoolean(4)) {
                    return new Amended(Outcome.NO_SUCH_MESSAGE, Optional.empty());
                }
                Instant sentAt = target.getObject(2, OffsetDateTime.class).toInstant();
                if (!target.getString(1).equals(amendment.user()) || !isAuthor(connection, amendment, sentAt)) {
                    return new Amended(Outcome.NOT_YOURS, Optional.empty());
                }
            }
        }
        long seq = takeSeq(connection, amendment);
        String text = amendment.newText().orElse("");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chat_messages "
                + "(room, seq, user_name, body, sent_at, client_id, kind, target_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, room);
            insert.setLong(2, seq);
            insert.setString(3, amendment.user());
            insert.setString(4, text);
            insert.setObject(5, utc(amendment.sentAt()));
            insert.setString(6, amendment.clientId().orElse(null));
            insert.setString(7, amendment.kind().wire());
            insert.setLong(8, amendment.target());
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(amendment.newText().isPresent()
                ? "UPDATE chat_messages SET current_body = ?, edited_at = ? WHERE room = ? AND seq = ?"
                : "UPDATE chat_messages SET deleted = TRUE WHERE room = ? AND seq = ?")) {
            int i = 1;
            if (amendment.newText().isPresent()) {
                update.setString(i++, text);
                update.setObject(i++, utc(amendment.sentAt()));
            }
            update.setString(i++, room);
            update.setLong(i, amendment.target());
            update.executeUpdate();
        }
        return new Amended(Outcome.AMENDED, Optional.of(new StoredMessage(room, seq, amendment.user(), text,
                amendment.sentAt(), amendment.clientId(), amendment.kind(), amendment.target(), Optional.empty(),
                false)));
    }

    /** Locks the room's row until the transaction ends; false when the room has no messages at all. */
    private static boolean lockRoom(Connection connection, String room) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT last_seq FROM chat_rooms WHERE name = ? FOR UPDATE")) {
            lock.setString(1, room);
            try (ResultSet row = lock.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The row an earlier frame with the same client id stored (same room and user), as its answer again. */
    private static Optional<StoredMessage> storedEarlier(Connection connection, Amendment amendment) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, body, sent_at, kind, target_seq "
                + "FROM chat_messages WHERE room = ? AND user_name = ? AND client_id = ?")) {
            select.setString(1, amendment.room());
            select.setString(2, amendment.user());
            select.setString(3, amendment.clientId().orElseThrow());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredMessage(amendment.room(), row.getLong(1), amendment.user(),
                        row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(), amendment.clientId(),
                        Kind.of(row.getString(4)), row.getLong(5), Optional.empty(), false));
            }
        }
    }

    /**
     * The name matched already; a guest's connection vouches for itself, and a signed-in user wrote the message only
     * if their account existed when it was sent (before, a guest may have used the name).
     */
    private static boolean isAuthor(Connection connection, Amendment amendment, Instant sentAt) throws SQLException {
        switch (amendment.authorship()) {
            case POSTED_ON_THIS_CONNECTION:
                return true;
            case NOT_POSTED_ON_THIS_CONNECTION:
                return false;
            default:
                break;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT created_at FROM accounts WHERE name = ?")) {
            select.setString(1, amendment.user());
            try (ResultSet row = select.executeQuery()) {
                // Sent-at times are kept to the millisecond: an account's creation counts from its millisecond.
                return row.next() && !sentAt.isBefore(
                        row.getObject(1, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MILLIS));
            }
        }
    }

    private static long takeSeq(Connection connection, Amendment amendment) throws SQLException {
        try (PreparedStatement bump = connection.prepareStatement(
                "UPDATE chat_rooms SET last_seq = last_seq + 1, last_activity = ? WHERE name = ?")) {
            bump.setObject(1, utc(amendment.sentAt()));
            bump.setString(2, amendment.room());
            bump.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT last_seq FROM chat_rooms WHERE name = ?")) {
            select.setString(1, amendment.room());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
