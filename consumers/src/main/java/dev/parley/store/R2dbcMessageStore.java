package dev.parley.store;

import dev.parley.accounts.AccountStore;
import dev.parley.accounts.JoinedRooms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The message store on R2DBC: Postgres when configured, else the embedded H2 file. Reactor stays inside; callers
 * get Vert.x Futures completed on their own context.
 */
public final class R2dbcMessageStore implements MessageStore {

    /** The most messages one read returns. */
    public static final int MAX_LIMIT = 500;

    private final CallerContext caller;
    private final Database database;
    /**
     * Postgres batch writers in parallel, a room always in the same lane. More lanes mean smaller batches, and each
     * commit costs Postgres a WAL flush (about 150 µs of its CPU here) whatever its size; two keep one slow batch
     * (waiting on a room another gateway holds) from holding up every room.
     */
    private static final int WRITE_LANES = 2;

    /** Group commits in parallel, a room always in the same lane: lanes lock disjoint rooms, so never wait on each other. */
    private final List<GroupCommit> lanes;
    /** Edits and deletions: on the embedded writer itself (one writer, no interleaving), else a JDBC writer of their own. */
    private final JdbcTransactions amends;
    private final Optional<JdbcWriter> amendWriter;
    private final String description;
    private final Duration timeout;
    private final StoreSettings settings;
    private final Vertx vertx;

    private R2dbcMessageStore(Vertx vertx, Database database, StoreSettings settings) {
        this.caller = new CallerContext(vertx, settings.timeout());
        this.timeout = settings.timeout();
        this.database = database;
        this.settings = settings;
        this.vertx = vertx;
        // Embedded: one writer, since H2 commits one transaction at a time anyway. Postgres: a few lanes, each with
        // a connection of its own. Either way a batch takes everything that waited while the one before was written,
        // so batches grow with the load and the commits per message shrink.
        if (settings.isEmbedded()) {
            EmbeddedBatchWrite writer = new EmbeddedBatchWrite(database);
            this.lanes = List.of(new GroupCommit(writer, settings.timeout()));
            this.amends = writer;
            this.amendWriter = Optional.empty();
        } else {
            this.lanes = IntStream.range(0, WRITE_LANES)
                    .mapToObj(i -> new GroupCommit(new PostgresBatchWrite(database), settings.timeout())).toList();
            JdbcWriter writer = new JdbcWriter(database);
            this.amends = writer;
            this.amendWriter = Optional.of(writer);
        }
        this.description = settings.describe();
    }

    /** Connects and applies the migrations (off the event loop); fails with {@link StoreUnavailable} if it cannot. */
    public static Future<R2dbcMessageStore> open(Vertx vertx, StoreSettings settings) {
        return vertx.executeBlocking(() -> {
            Database database = Database.open(settings);
            try {
                database.migrate();
            } catch (RuntimeException e) {
                database.close().subscribe();
                throw new StoreUnavailable("cannot prepare the history store (" + settings.describe() + "): "
                        + CallerContext.rootMessage(e), e);
            }
            return new R2dbcMessageStore(vertx, database, settings);
        }, false);
    }

    /** The registered users, in the same database. */
    public AccountStore accounts() {
        return new R2dbcAccountStore(database, caller);
    }

    /** The rooms each registered user joined, in the same database. */
    public JoinedRooms joinedRooms() {
        return new R2dbcJoinedRooms(database, caller);
    }

    /** Which database, for the start-up line. */
    public String description() {
        return description;
    }

    /**
     * Keeps history's shape as time goes by (docs/history.md, "Partitions and retention"), as if the time were
     * {@code now}: on Postgres makes the month partitions of now and the next three where missing, and drops the
     * months wholly older than the retention; on the embedded database deletes the rows older than the retention.
     * The gateway runs it at start and every hour; several gateways may run it at once.
     */
    public Future<Upkeep> upkeep(Instant now) {
        if (settings.isEmbedded()) {
            if (settings.retention().isEmpty()) {
                return Future.succeededFuture(new Upkeep(List.of(), List.of(), 0, Optional.empty()));
            }
            Instant cutoff = now.minus(settings.retention().get());
            // Not bounded by the store's time-out: a first run may have years to delete, a chunk at a time.
            return Future.fromCompletionStage(EmbeddedRetention.deleteSentBefore(amends, cutoff)
                    .thenApply(deleted -> new Upkeep(List.of(), List.of(), deleted, Optional.empty())),
                    vertx.getOrCreateContext());
        }
        return vertx.executeBlocking(() -> MonthPartitions.run(database, now, settings.retention()), false);
    }

    @Override
    public Future<Appended> append(NewMessage message) {
        return caller.answer(lanes.get(Math.floorMod(message.room().hashCode(), lanes.size())).submit(message));
    }

    @Override
    public Future<Amended> amend(Amendment amendment) {
        return caller.answer(amends.inTransaction(connection -> AmendSql.amend(connection, amendment))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public Future<Page> latest(String room, int limit) {
        return newestFirst(room, 0, Long.MAX_VALUE, limit);
    }

    @Override
    public Future<Page> before(String room, long before, int limit) {
        return newestFirst(room, 0, before, limit);
    }

    @Override
    public Future<Page> after(String room, long after, int limit) {
        int bounded = bound(limit);
        Mono<Page> page = database.withConnection(connection ->
                HistorySql.range(connection, room, after, Long.MAX_VALUE, bounded + 1, false).collectList())
                .map(messages -> new Page(messages.subList(0, Math.min(bounded, messages.size())),
                        messages.size() > bounded));
        return caller.answer(page);
    }

    @Override
    public Future<List<RoomSummary>> rooms(int limit) {
        return caller.answer(database.withConnection(connection ->
                HistorySql.rooms(connection, bound(limit)).collectList()));
    }

    @Override
    public Future<Boolean> ping() {
        Mono<Boolean> answered = database.withConnection(connection ->
                        Flux.from(connection.createStatement("SELECT 1").execute())
                                .flatMap(result -> result.map((row, meta) -> true)).next())
                .defaultIfEmpty(false);
        return caller.answer(answered).recover(e -> Future.succeededFuture(false));
    }

    @Override
    public Future<Void> close() {
        CompletableFuture<?>[] writers = Stream.concat(lanes.stream().map(GroupCommit::close),
                amendWriter.stream().map(JdbcWriter::close)).toArray(CompletableFuture[]::new);
        return caller.answer(CompletableFuture.allOf(writers).thenCompose(v -> database.close().toFuture()));
    }

    /** Reads newest first (so LIMIT keeps the nearest ones) and answers oldest first. */
    private Future<Page> newestFirst(String room, long above, long below, int limit) {
        int bounded = bound(limit);
        Mono<Page> page = database.withConnection(connection ->
                HistorySql.range(connection, room, above, below, bounded + 1, true).collectList())
                .map(messages -> {
                    List<StoredMessage> nearest = new ArrayList<>(messages.subList(0, Math.min(bounded, messages.size())));
                    Collections.reverse(nearest);
                    return new Page(nearest, messages.size() > bounded);
                });
        return caller.answer(page);
    }

    private static int bound(int limit) {
        return Math.max(1, Math.min(MAX_LIMIT, limit));
    }
}
