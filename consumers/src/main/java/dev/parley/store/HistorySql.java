package dev.parley.store;

import dev.parley.store.StoredMessage.Kind;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * The history store's reads, portable between Postgres and H2 (positional parameters). Writes are each database's
 * own: {@link PostgresBatchWrite}, {@link EmbeddedBatchWrite}.
 */
final class HistorySql {

    /**
     * A row, with whether the message an edit amends was deleted since (its text is then served no more). Looked up
     * only for edits and deletions: on Postgres each look-up visits every month partition's index (the target's
     * month is not known), which a join would do for every row of the page.
     */
    private static final String COLUMNS = "m.room, m.seq, m.user_name, m.body, m.sent_at, m.client_id, m.kind, "
            + "m.target_seq, m.current_body, m.edited_at, m.deleted, CASE WHEN m.target_seq IS NULL THEN NULL ELSE "
            + "(SELECT t.deleted FROM chat_messages t WHERE t.room = m.room AND t.seq = m.target_seq) END";

    private HistorySql() {
    }

    /** Up to {@code limit} messages, newest first when {@code descending}. */
    static Flux<StoredMessage> range(Connection connection, String room, long above, long below, int limit,
                                     boolean descending) {
        Statement select = connection.createStatement("SELECT " + COLUMNS
                        + " FROM chat_messages m"
                        + " WHERE m.room = $1 AND m.seq > $2 AND m.seq < $3 ORDER BY m.seq "
                        + (descending ? "DESC" : "ASC") + " LIMIT $4")
                .bind(0, room).bind(1, above).bind(2, below).bind(3, limit);
        return Flux.from(select.execute()).flatMap(result -> result.map((row, meta) -> message(row)));
    }

    static Flux<RoomSummary> rooms(Connection connection, int limit) {
        Statement select = connection.createStatement(
                        "SELECT name, last_seq, last_activity FROM chat_rooms ORDER BY last_activity DESC LIMIT $1")
                .bind(0, limit);
        return Flux.from(select.execute()).flatMap(result -> result.map((row, meta) -> new RoomSummary(
                row.get(0, String.class), row.get(1, Long.class), row.get(2, OffsetDateTime.class).toInstant())));
    }

    private static StoredMessage message(Row row) {
        Kind kind = Kind.of(row.get(6, String.class));
        boolean deleted = Boolean.TRUE.equals(row.get(10, Boolean.class));
        boolean targetDeleted = Boolean.TRUE.equals(row.get(11, Boolean.class));
        String current = Optional.ofNullable(row.get(8, String.class)).orElseGet(() -> row.get(3, String.class));
        String text = switch (kind) {
            case MESSAGE -> deleted ? "" : current;
            case EDIT -> targetDeleted ? "" : row.get(3, String.class);
            case DELETE -> "";
        };
        Long target = row.get(7, Long.class);
        return new StoredMessage(row.get(0, String.class), row.get(1, Long.class), row.get(2, String.class), text,
                row.get(4, OffsetDateTime.class).toInstant(), Optional.ofNullable(row.get(5, String.class)), kind,
                target == null ? 0 : target,
                Optional.ofNullable(row.get(9, OffsetDateTime.class)).map(OffsetDateTime::toInstant), deleted);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
