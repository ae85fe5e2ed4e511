package dev.parley.consumers.history;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The SQL of the history store, portable between Postgres and H2 (no RETURNING, positional parameters). */
final class HistorySql {

    private static final String COLUMNS = "room, seq, user_name, body, sent_at, client_id";

    private HistorySql() {
    }

    /** Takes {@code count} seqs for a room, creating it at its first message; returns the last one taken. */
    static Mono<Long> takeSeqs(Connection connection, String room, int count, Instant now) {
        Statement bump = connection.createStatement(
                        "UPDATE chat_rooms SET last_seq = last_seq + $1, last_activity = $2 WHERE name = $3")
                .bind(0, (long) count).bind(1, utc(now)).bind(2, room);
        return Flux.from(bump.execute()).flatMap(result -> result.getRowsUpdated()).reduce(0L, Long::sum)
                .flatMap(updated -> {
                    if (updated == 0) {
                        Statement create = connection.createStatement(
                                        "INSERT INTO chat_rooms (name, last_seq, last_activity) VALUES ($1, $2, $3)")
                                .bind(0, room).bind(1, (long) count).bind(2, utc(now));
                        return Flux.from(create.execute()).flatMap(result -> result.getRowsUpdated())
                                .then(Mono.just((long) count));
                    }
                    Statement read = connection.createStatement("SELECT last_seq FROM chat_rooms WHERE name = $1")
                            .bind(0, room);
                    return Flux.from(read.execute()).flatMap(result -> result.map((row, meta) -> row.get(0, Long.class)))
                            .single();
                });
    }

    /** One multi-row INSERT: one statement however many messages the batch holds. */
    static Mono<Void> insert(Connection connection, List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO chat_messages (" + COLUMNS + ") VALUES ");
        for (int i = 0; i < messages.size(); i++) {
            int p = i * 6;
            sql.append(i == 0 ? "" : ", ").append("($").append(p + 1).append(", $").append(p + 2).append(", $")
                    .append(p + 3).append(", $").append(p + 4).append(", $").append(p + 5).append(", $")
                    .append(p + 6).append(')');
        }
        Statement insert = connection.createStatement(sql.toString());
        for (int i = 0; i < messages.size(); i++) {
            StoredMessage message = messages.get(i);
            int p = i * 6;
            insert.bind(p, message.room()).bind(p + 1, message.seq()).bind(p + 2, message.user())
                    .bind(p + 3, message.text()).bind(p + 4, utc(message.sentAt()));
            if (message.clientId().isPresent()) {
                insert.bind(p + 5, message.clientId().get());
            } else {
                insert.bindNull(p + 5, String.class);
            }
        }
        return Flux.from(insert.execute()).flatMap(result -> result.getRowsUpdated()).then();
    }

    /** The stored messages among these (room, user, client id) keys, in one query. */
    static Flux<StoredMessage> findByClientIds(Connection connection, List<NewMessage> withClientIds) {
        if (withClientIds.isEmpty()) {
            return Flux.empty();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM chat_messages WHERE ");
        for (int i = 0; i < withClientIds.size(); i++) {
            int p = i * 3;
            sql.append(i == 0 ? "" : " OR ").append("(room = $").append(p + 1).append(" AND user_name = $")
                    .append(p + 2).append(" AND client_id = $").append(p + 3).append(')');
        }
        Statement find = connection.createStatement(sql.toString());
        for (int i = 0; i < withClientIds.size(); i++) {
            NewMessage message = withClientIds.get(i);
            find.bind(i * 3, message.room()).bind(i * 3 + 1, message.user())
                    .bind(i * 3 + 2, message.clientId().orElseThrow());
        }
        return Flux.from(find.execute()).flatMap(result -> result.map((row, meta) -> message(row)));
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
