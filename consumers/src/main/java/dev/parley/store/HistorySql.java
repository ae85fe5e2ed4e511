package dev.parley.store;

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

    private static final String COLUMNS = "room, seq, user_name, body, sent_at, client_id";

    private HistorySql() {
    }

    /** Up to {@code limit} messages, newest first when {@code descending}. */
    static Flux<StoredMessage> range(Connection connection, String room, long above, long below, int limit,
                                     boolean descending) {
        Statement select = connection.createStatement("SELECT " + COLUMNS
                        + " FROM chat_messages WHERE room = $1 AND seq > $2 AND seq < $3 ORDER BY seq "
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
        return new StoredMessage(row.get(0, String.class), row.get(1, Long.class), row.get(2, String.class),
                row.get(3, String.class), row.get(4, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(row.get(5, String.class)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
