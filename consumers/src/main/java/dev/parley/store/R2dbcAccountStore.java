package dev.parley.store;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountStore;
import dev.parley.accounts.NameKey;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Accounts in the history database (table {@code accounts}, migrations V2 and V5); see
 * {@link R2dbcMessageStore#accounts}.
 */
final class R2dbcAccountStore implements AccountStore {

    private final Database database;
    private final CallerContext caller;

    R2dbcAccountStore(Database database, CallerContext caller) {
        this.database = database;
        this.caller = caller;
    }

    @Override
    public Future<Boolean> create(Account account) {
        Mono<Boolean> created = database.withConnection(connection -> Flux.from(connection.createStatement(
                        "INSERT INTO accounts (name_key, name, password_hash, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(0, Account.keyOf(account.name()))
                        .bind(1, account.name())
                        .bind(2, account.passwordHash())
                        .bind(3, OffsetDateTime.now(ZoneOffset.UTC))
                        .execute())
                .flatMap(result -> result.getRowsUpdated()).then(Mono.just(true)))
                .onErrorResume(R2dbcDataIntegrityViolationException.class, taken -> Mono.just(false));
        return caller.answer(created);
    }

    /**
     * By its key; an account that migration V5 found to be a look-alike of an older one is under its old key
     * behind a mark, and wins when the name asked for spells it (so both owners still sign in).
     */
    @Override
    public Future<Optional<Account>> find(String name) {
        String legacyKey = NameKey.LEGACY_MARK + NameKey.legacyOf(name);
        Mono<Optional<Account>> found = database.withConnection(connection -> Flux.from(connection.createStatement(
                        "SELECT name_key, name, password_hash FROM accounts WHERE name_key = $1 OR name_key = $2")
                        .bind(0, Account.keyOf(name))
                        .bind(1, legacyKey)
                        .execute())
                .flatMap(result -> result.map((row, meta) -> Map.entry(row.get("name_key", String.class),
                        new Account(row.get("name", String.class), row.get("password_hash", String.class)))))
                .collectList()
                .map(rows -> rows.stream()
                        .min(Comparator.comparing(row -> !row.getKey().equals(legacyKey)))
                        .map(Map.Entry::getValue)));
        return caller.answer(found);
    }
}
