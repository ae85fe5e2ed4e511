package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

/**
 * The retention on the embedded database, which has no partitions: deletes the rows sent before the cutoff, on the
 * writer's thread between batches (so never while a batch takes seqs), in chunks. A room's {@code last_seq} stays, so seqs go
 * on from where they were and a client that asks for a deleted one is told (docs/history.md).
 */
final class EmbeddedRetention {

    /**
     * Rows deleted per transaction: the writer's batches wait while one runs, so a first run over years of history
     * goes in many short steps rather than one that would make appends time out.
     */
    static final int CHUNK = 5_000;

    private EmbeddedRetention() {
    }

    /** Deletes all the rows sent before the cutoff, {@link #CHUNK} per transaction; answers how many. */
    static CompletableFuture<Long> deleteSentBefore(JdbcTransactions writer, Instant cutoff) {
        return deleteFrom(writer, cutoff, 0);
    }

    private static CompletableFuture<Long> deleteFrom(JdbcTransactions writer, Instant cutoff, long sofar) {
        return writer.inTransaction(connection -> deleteChunk(connection, cutoff)).thenCompose(deleted ->
                deleted < CHUNK ? CompletableFuture.completedFuture(sofar + deleted)
                        : deleteFrom(writer, cutoff, sofar + deleted));
    }

    private static int deleteChunk(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM chat_messages WHERE sent_at < ? FETCH FIRST " + CHUNK + " ROWS ONLY")) {
            delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
