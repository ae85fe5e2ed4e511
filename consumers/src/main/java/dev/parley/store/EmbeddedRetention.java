package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The retention on the embedded database, which has no partitions: deletes the rows sent before the cutoff, on the
 * writer's thread between batches (so never while a batch takes seqs). A room's {@code last_seq} stays, so seqs go
 * on from where they were and a client that asks for a deleted one is told (docs/history.md).
 */
final class EmbeddedRetention {

    private EmbeddedRetention() {
    }

    static long deleteSentBefore(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM chat_messages WHERE sent_at < ?")) {
            delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
