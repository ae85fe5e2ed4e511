package dev.parley.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache of the accounts session cookies name: how often the store is asked, and how soon a deletion counts. */
class RecentAccountsTest {

    private final AtomicLong now = new AtomicLong(0);
    private final CountingAccounts store = new CountingAccounts();
    private final RecentAccounts recent = new RecentAccounts(store, now::get);

    @Test
    void anAccountFoundIsNotLookedUpAgainWithinTheTtl() {
        store.add("Ada");
        for (int i = 0; i < 5; i++) {
            assertThat(found("Ada")).hasValue("Ada");
        }
        assertThat(store.lookups.get()).isEqualTo(1);

        advance(RecentAccounts.TTL);
        assertThat(found("Ada")).hasValue("Ada");
        assertThat(store.lookups.get()).as("asked again once the TTL has passed").isEqualTo(2);
    }

    @Test
    void aDeletedAccountStopsBeingFoundWithinTheTtl() {
        store.add("Grace");
        assertThat(found("Grace")).isPresent();
        store.accounts.clear();

        advance(RecentAccounts.TTL.minusSeconds(1));
        assertThat(found("Grace")).as("still cached").isPresent();
        advance(Duration.ofSeconds(1));
        assertThat(found("Grace")).isEmpty();
    }

    @Test
    void aNameWithNoAccountIsAskedEachTimeSoThatASignUpCountsAtOnce() {
        assertThat(found("Linus")).isEmpty();
        store.add("Linus");
        assertThat(found("Linus")).hasValue("Linus");
    }

    @Test
    void itHoldsABoundedNumberOfAccounts() {
        for (int i = 0; i <= RecentAccounts.MAX_ENTRIES; i++) {
            store.add("user" + i);
            found("user" + i);
        }
        int before = store.lookups.get();
        found("user0");
        assertThat(store.lookups.get()).as("the least recently used went first").isEqualTo(before + 1);
        found("user" + RecentAccounts.MAX_ENTRIES);
        assertThat(store.lookups.get()).as("the newest stays").isEqualTo(before + 1);
    }

    private Optional<String> found(String name) {
        Future<Optional<Account>> account = recent.find(name);
        assertThat(account.succeeded()).isTrue();
        return account.result().map(Account::name);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    /** Accounts in a map, answering at once, counting the lookups. */
    private static final class CountingAccounts implements AccountStore {
        final Map<String, Account> accounts = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        void add(String name) {
            accounts.put(Account.keyOf(name), new Account(name, "hash"));
        }

        @Override
        public Future<Boolean> create(Account account) {
            return Future.succeededFuture(accounts.putIfAbsent(Account.keyOf(account.name()), account) == null);
        }

        @Override
        public Future<Optional<Account>> find(String name) {
            lookups.incrementAndGet();
            return Future.succeededFuture(Optional.ofNullable(accounts.get(Account.keyOf(name))));
        }
    }
}
