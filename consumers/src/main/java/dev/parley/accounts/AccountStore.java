package dev.parley.accounts;

import io.vertx.core.Future;
import java.util.Optional;

/** Registered users, kept in the same database as the history. Names are compared by {@link Account#keyOf}. */
public interface AccountStore {

    /** Registers the account; {@code false} when the name (by its key) is taken already. */
    Future<Boolean> create(Account account);

    /** The account registered under this name (by its key), if any. */
    Future<Optional<Account>> find(String name);
}
