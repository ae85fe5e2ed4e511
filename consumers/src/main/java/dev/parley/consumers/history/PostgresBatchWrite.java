package dev.parley.consumers.history;

import dev.parley.consumers.history.MessageStore.Appended;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A batch in one statement, one round trip: the messages go as five arrays, and one SQL statement finds retries,
 * takes each room's seqs (locking the rooms in name order, so that two gateways never wait on each other) and
 * inserts. The SQL text never changes with the batch's size, so Postgres plans it once per connection.
 */
final class PostgresBatchWrite implements BatchWrite {

    private final Database database;

    PostgresBatchWrite(Database database) {
        this.database = database;
    }

    /** $1 rooms, $2 users, $3 texts, $4 sent-at (epoch ms), $5 client ids (null for none). */
    static final String APPEND = """
            WITH batch AS (
                SELECT b.ord::int AS ord, b.room, b.user_name, b.body,
                       timestamptz 'epoch' + b.sent_ms * interval '1 millisecond' AS sent_at, b.client_id
                FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
                     WITH ORDINALITY AS b(room, user_name, body, sent_ms, client_id, ord)
            ),
            earlier AS (
                SELECT b.ord, m.seq, m.body, m.sent_at
                FROM batch b
                JOIN chat_messages m ON m.room = b.room AND m.user_name = b.user_name AND m.client_id = b.client_id
            ),
            firsts AS (
                SELECT b.*, first_value(b.ord) OVER (PARTITION BY b.room, b.user_name, b.client_id,
                                                     CASE WHEN b.client_id IS NULL THEN b.ord END
                                                     ORDER BY b.ord) AS first_ord
                FROM batch b
                WHERE b.ord NOT IN (SELECT ord FROM earlier)
            ),
            fresh AS (
                SELECT f.*, row_number() OVER (PARTITION BY f.room ORDER BY f.ord) AS nth,
                       count(*) OVER (PARTITION BY f.room) AS taken
                FROM firsts f
                WHERE f.ord = f.first_ord
            ),
            rooms AS (
                INSERT INTO chat_rooms AS r (name, last_seq, last_activity)
                SELECT room, count(*), max(sent_at) FROM fresh GROUP BY room ORDER BY room
                ON CONFLICT (name) DO UPDATE
                    SET last_seq = r.last_seq + excluded.last_seq, last_activity = excluded.last_activity
                RETURNING r.name, r.last_seq
            ),
            assigned AS (
                SELECT f.ord, f.room, r.last_seq - f.taken + f.nth AS seq, f.user_name, f.body, f.sent_at, f.client_id
                FROM fresh f
                JOIN rooms r ON r.name = f.room
            ),
            inserted AS (
                INSERT INTO chat_messages (room, seq, user_name, body, sent_at, client_id)
                SELECT room, seq, user_name, body, sent_at, client_id FROM assigned
            )
            SELECT ord, seq, body, sent_at, false AS duplicate FROM assigned
            UNION ALL
            SELECT f.ord, a.seq, a.body, a.sent_at, true
            FROM firsts f
            JOIN assigned a ON a.ord = f.first_ord
            WHERE f.ord <> f.first_ord
            UNION ALL
            SELECT ord, seq, body, sent_at, true FROM earlier
            """;

    @Override
    public CompletableFuture<List<Appended>> write(List<NewMessage> batch) {
        return Mono.defer(() -> writeOnce(batch))
                // Another gateway inserted the same client id meanwhile, or took the same rooms' seqs in another
                // order (a deadlock, which Postgres breaks by failing one): once more sees its rows, or goes through.
                .retryWhen(Retry.max(1).filter(e -> e instanceof R2dbcDataIntegrityViolationException
                        || e instanceof R2dbcRollbackException))
                .toFuture();
    }

    private Mono<List<Appended>> writeOnce(List<NewMessage> batch) {
        int size = batch.size();
        String[] rooms = new String[size];
        String[] users = new String[size];
        String[] texts = new String[size];
        Long[] sentAt = new Long[size];
        String[] clientIds = new String[size];
        for (int i = 0; i < size; i++) {
            NewMessage message = batch.get(i);
            rooms[i] = message.room();
            users[i] = message.user();
            texts[i] = message.text();
            sentAt[i] = message.sentAt().toEpochMilli();
            clientIds[i] = message.clientId().orElse(null);
        }
        // One statement is its own transaction: no BEGIN and COMMIT round trips.
        return database.withConnection(connection -> {
            Statement append = connection.createStatement(APPEND)
                    .bind(0, rooms).bind(1, users).bind(2, texts).bind(3, sentAt).bind(4, clientIds);
            Appended[] results = new Appended[size];
            return Flux.from(append.execute())
                    .flatMap(result -> result.map((row, meta) -> {
                        int index = row.get("ord", Integer.class) - 1;
                        NewMessage message = batch.get(index);
                        StoredMessage stored = new StoredMessage(message.room(), row.get("seq", Long.class),
                                message.user(), row.get("body", String.class),
                                row.get("sent_at", OffsetDateTime.class).toInstant(), message.clientId());
                        results[index] = new Appended(stored, row.get("duplicate", Boolean.class));
                        return index;
                    }))
                    .count()
                    .flatMap(answered -> answered == size ? Mono.just(List.of(results))
                            : Mono.error(new IllegalStateException("the database answered " + answered + " of "
                                    + size + " messages of a batch")));
        });
    }
}
