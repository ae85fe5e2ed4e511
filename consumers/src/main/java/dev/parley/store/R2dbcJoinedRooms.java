package dev.parley.store;

import dev.parley.accounts.Account;
import dev.parley.accounts.JoinedRooms;
import io.r2dbc.spi.Connection;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Joined rooms in the history database (table {@code joined_rooms}, migration V8); see {@link R2dbcMessageStore#joinedRooms}. */
final class R2dbcJoinedRooms implements JoinedRooms {

    private final Database database;
    private final CallerContext caller;

    R2dbcJoinedRooms(Database database, CallerContext caller) {
        this.database = database;
        this.caller = caller;
    }

    @Override
    public Future<List<String>> of(String user) {
        return caller.answer(database.withConnection(connection -> rooms(connection, Account.keyOf(user))));
    }

    /**
     * One statement both checks the limit and adds. It bounds what one account stores, not exactly: under read
     * committed, the same user's requests racing each other can each see room for one more and pass it by a few.
     */
    @Override
    public Future<Boolean> join(String user, String room, int limit) {
        String key = Account.keyOf(user);
        Mono<Boolean> joined = database.withConnection(connection -> Flux.from(connection.createStatement(
                        "INSERT INTO joined_rooms (name_key, room, joined_at) SELECT $1, $2, $3"
                                + " WHERE NOT EXISTS (SELECT 1 FROM joined_rooms WHERE name_key = $1 AND room = $2)"
                                + " AND (SELECT COUNT(*) FROM joined_rooms WHERE name_key = $1) < $4")
                        .bind(0, key)
                        .bind(1, room)
                        .bind(2, OffsetDateTime.now(ZoneOffset.UTC))
                        .bind(3, (long) limit)
                        .execute())
                .flatMap(result -> result.getRowsUpdated())
                .reduce(0L, Long::sum)
                .flatMap(added -> added > 0 ? Mono.just(true)
                        : rooms(connection, key).map(rooms -> rooms.contains(room))));
        return caller.answer(joined);
    }

    @Override
    public Future<Void> leave(String user, String room) {
        Mono<Void> left = database.withConnection(connection -> Flux.from(connection.createStatement(
                        "DELETE FROM joined_rooms WHERE name_key = $1 AND room = $2")
                        .bind(0, Account.keyOf(user))
                        .bind(1, room)
                        .execute())
                .flatMap(result -> result.getRowsUpdated())
                .then());
        return caller.answer(left);
    }

    private static Mono<List<String>> rooms(Connection connection, String key) {
        return Flux.from(connection.createStatement(
                        "SELECT room FROM joined_rooms WHERE name_key = $1 ORDER BY joined_at, room")
                        .bind(0, key)
                        .execute())
                .flatMap(result -> result.map((row, meta) -> row.get("room", String.class)))
                .collectList();
    }
}
