package dev.parley.store;

import dev.parley.store.MessageStore.Appended;
import io.r2dbc.spi.Connection;
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
 * A batch in one statement, one round trip: the messages go as five arrays to the function {@code parley_append}
 * (db/postgres/V6), which locks the rooms in name order (so that two gateways never wait on each other in a
 * cycle), then finds retries, takes each room's seqs and inserts. The call never changes with the batch's size, so it is parsed
 * and planned once per connection, and only duplicates come back with their stored text and time.
 */
final class PostgresBatchWrite implements BatchWrite {

    private final Database database;
    /**
     * The lane's own connection, kept between batches: taking one from the pool and giving it back cost a third of
     * the driver thread's time. Its lane writes one batch at a time, so no two batches share it; after a failure
     * it goes back to the pool, and the next batch takes a fresh one.
     */
    private volatile Connection connection;

    /** One per lane of {@link GroupCommit}. */
    PostgresBatchWrite(Database database) {
        this.database = database;
    }

    /** One call of the migration's function (db/postgres): $1 rooms, $2 users, $3 texts, $4 sent-at (epoch ms), $5 client ids. */
    static final String APPEND = "SELECT ord, seq, body, sent_at, duplicate FROM parley_append($1, $2, $3, $4, $5)";

    @Override
    public CompletableFuture<List<Appended>> write(List<NewMessage> batch) {
        return Mono.defer(() -> connection())
                .flatMap(connection -> writeOnce(connection, batch))
                .onErrorResume(e -> releaseConnection().then(Mono.error(e)))
                // Not expected, as the function takes its rooms in order and looks for retries only once it holds
                // them; should Postgres still fail a batch on a deadlock or the client-id index, once more.
                .retryWhen(Retry.max(1).filter(e -> e instanceof R2dbcDataIntegrityViolationException
                        || e instanceof R2dbcRollbackException))
                .toFuture();
    }

    /** Gives the lane's connection back to the pool. */
    @Override
    public CompletableFuture<Void> close() {
        return releaseConnection().toFuture();
    }

    private Mono<Connection> connection() {
        Connection kept = connection;
        return kept != null ? Mono.just(kept) : database.acquire().doOnNext(taken -> connection = taken);
    }

    private Mono<Void> releaseConnection() {
        Connection kept = connection;
        connection = null;
        return kept == null ? Mono.empty() : Mono.from(kept.close()).onErrorResume(e -> Mono.empty());
    }

    private Mono<List<Appended>> writeOnce(Connection connection, List<NewMessage> batch) {
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
        return Mono.defer(() -> {
            Statement append = connection.createStatement(APPEND)
                    .bind(0, rooms).bind(1, users).bind(2, texts).bind(3, sentAt).bind(4, clientIds);
            Appended[] results = new Appended[size];
            return Flux.from(append.execute())
                    .flatMap(result -> result.map((row, meta) -> {
                        int index = row.get(0, Integer.class) - 1;
                        NewMessage message = batch.get(index);
                        boolean duplicate = row.get(4, Boolean.class);
                        StoredMessage stored = duplicate
                                ? new StoredMessage(message.room(), row.get(1, Long.class), message.user(),
                                        row.get(2, String.class), row.get(3, OffsetDateTime.class).toInstant(),
                                        message.clientId())
                                : new StoredMessage(message.room(), row.get(1, Long.class), message.user(),
                                        message.text(), message.sentAt(), message.clientId());
                        results[index] = new Appended(stored, duplicate);
                        return index;
                    }))
                    .count()
                    .flatMap(answered -> answered == size ? Mono.just(List.of(results))
                            : Mono.error(new IllegalStateException("the database answered " + answered + " of "
                                    + size + " messages of a batch")));
        });
    }
}
