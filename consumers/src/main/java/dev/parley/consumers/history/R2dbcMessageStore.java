package dev.parley.consumers.history;

import dev.parley.consumers.accounts.AccountStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
    /** Group commits in parallel, a room always in the same lane: lanes lock disjoint rooms, so never wait on each other. */
    private final List<GroupCommit> lanes;
    private final Optional<EmbeddedBatchWrite> embeddedWriter;
    private final String description;

    private R2dbcMessageStore(Vertx vertx, Database database, StoreSettings settings) {
        this.caller = new CallerContext(vertx, settings.timeout());
        this.database = database;
        if (settings.isEmbedded()) {
            // One writer: H2 commits one transaction at a time anyway, and the batches grow with the load.
            EmbeddedBatchWrite writer = new EmbeddedBatchWrite(database);
            this.embeddedWriter = Optional.of(writer);
            this.lanes = List.of(new GroupCommit(writer, settings.timeout()));
        } else {
            PostgresBatchWrite batchWrite = new PostgresBatchWrite(database);
            this.embeddedWriter = Optional.empty();
            this.lanes = IntStream.range(0, Math.max(1, settings.poolSize() / 2))
                    .mapToObj(i -> new GroupCommit(batchWrite, settings.timeout())).toList();
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

    /** Which database, for the start-up line. */
    public String description() {
        return description;
    }

    @Override
    public Future<Appended> append(NewMessage message) {
        return caller.answer(lanes.get(Math.floorMod(message.room().hashCode(), lanes.size())).submit(message));
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
        embeddedWriter.ifPresent(EmbeddedBatchWrite::close);
        return caller.answer(database.close());
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
