package dev.parley.store;

import static dev.parley.store.MessageStoreContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountStore;
import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V5 (issue 17, finding 3) on accounts registered under the old key (NFKC and lower case), on both
 * databases: keys become look-alike skeletons, and accounts that now collide are all kept, each owner still
 * signing in with the exact name registered, while look-alikes can no longer be registered.
 */
class NameKeyMigrationTest {

    @Test
    void embeddedAccountsKeepSigningInAfterTheKeysChange() throws Exception {
        Path dir = Files.createTempDirectory("parley-v5-test");
        String jdbc = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("parley");
        migrateUpTo("3", jdbc, "sa", "", "classpath:db/migration"); // V4 is Postgres only
        insertOldAccounts(jdbc, "sa", "");
        checkAfterMigration(StoreSettings.embedded(dir));
    }

    @Test
    void postgresAccountsKeepSigningInAfterTheKeysChange() throws Exception {
        String r2dbc = TestPostgres.freshDatabase("namekeys");
        String jdbc = TestPostgres.jdbcUrlOf(r2dbc);
        migrateUpTo("4", jdbc, null, null, "classpath:db/migration", "classpath:db/postgres");
        insertOldAccounts(jdbc, null, null);
        checkAfterMigration(StoreSettings.postgres(r2dbc));
    }

    /** The schema as it was before V5. */
    private static void migrateUpTo(String version, String jdbc, String user, String password, String... locations) {
        Flyway.configure().dataSource(jdbc, user, password).locations(locations).target(version).load().migrate();
    }

    /** As V2 stored them: "alice" first, then the Cyrillic "аlice" and "Olga" next to a later "0lga" and "olga.". */
    private static void insertOldAccounts(String jdbc, String user, String password) throws Exception {
        try (Connection connection = user == null ? DriverManager.getConnection(jdbc)
                : DriverManager.getConnection(jdbc, user, password);
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO accounts (name_key, name, password_hash, created_at) VALUES (?, ?, ?, ?)")) {
            String[][] accounts = {
                    {"alice", "alice"}, {"\u0430lice", "\u0430lice"}, {"olga.", "olga."}, {"0lga", "0lga"},
                    {"olga", "Olga"}, {"bob", "Bob"}};
            Instant first = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < accounts.length; i++) {
                insert.setString(1, accounts[i][0]);
                insert.setString(2, accounts[i][1]);
                insert.setString(3, "hash-of-" + accounts[i][1]);
                insert.setTimestamp(4, Timestamp.from(first.plusSeconds(i)));
                insert.executeUpdate();
            }
        }
    }

    private static void checkAfterMigration(StoreSettings settings) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            R2dbcMessageStore store = await(R2dbcMessageStore.open(vertx, settings)); // migrates to the latest
            try {
                AccountStore accounts = store.accounts();
                assertThat(await(accounts.find("alice"))).hasValue(new Account("alice", "hash-of-alice"));
                assertThat(await(accounts.find("ALICE"))).hasValue(new Account("alice", "hash-of-alice"));
                assertThat(await(accounts.find("\u0430lice"))).as("the later look-alike, by its exact name")
                        .hasValue(new Account("\u0430lice", "hash-of-\u0430lice"));
                assertThat(await(accounts.find("olga."))).hasValue(new Account("olga.", "hash-of-olga."));
                assertThat(await(accounts.find("0lga"))).hasValue(new Account("0lga", "hash-of-0lga"));
                assertThat(await(accounts.find("Olga"))).hasValue(new Account("Olga", "hash-of-Olga"));
                assertThat(await(accounts.find("\u043Elga"))).as("a new look-alike finds the oldest")
                        .hasValue(new Account("olga.", "hash-of-olga."));
                assertThat(await(accounts.find("B\u043Eb"))).hasValue(new Account("Bob", "hash-of-Bob"));

                assertThat(await(accounts.create(new Account("al\u0456ce", "h")))).as("Ukrainian і").isFalse();
                assertThat(await(accounts.create(new Account("olga\uFE0F", "h")))).isFalse();
                assertThat(await(accounts.create(new Account("carol", "h")))).isTrue();
            } finally {
                await(store.close());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
