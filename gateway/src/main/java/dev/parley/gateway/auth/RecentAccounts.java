package dev.parley.gateway.auth;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The accounts that session cookies named lately, so that a signed-in user's every request and handshake does not
 * cost a store lookup. Only accounts found are kept, for {@link #TTL} at most and {@link #MAX_ENTRIES} at most (the
 * least recently used go first): an account deleted from the store stops signing anybody in within {@link #TTL}.
 */
public final class RecentAccounts {

    public static final Duration TTL = Duration.ofSeconds(10);
    static final int MAX_ENTRIES = 10_000;

    private final AccountStore store;
    private final LongSupplier nanoTime;
    private final Map<String, Found> found = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** @param nanoTime the clock TTLs are measured on ({@code System::nanoTime}) */
    RecentAccounts(AccountStore store, LongSupplier nanoTime) {
        this.store = store;
        this.nanoTime = nanoTime;
    }

    /** The account registered under this name: from a lookup less than {@link #TTL} old, else from the store. */
    Future<Optional<Account>> find(String name) {
        long now = nanoTime.getAsLong();
        synchronized (found) {
            Found recent = found.get(name);
            if (recent != null && now - recent.at() < TTL.toNanos()) {
                return Future.succeededFuture(Optional.of(recent.account()));
            }
            found.remove(name);
        }
        return store.find(name).onSuccess(account -> account.ifPresent(present -> {
            synchronized (found) {
                found.put(name, new Found(present, now));
            }
        }));
    }

    private record Found(Account account, long at) {
    }
}
