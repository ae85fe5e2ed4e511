package dev.parley.store;

import static dev.parley.store.MessageStoreContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestPostgres;
import dev.parley.store.Amendment.Authorship;
import dev.parley.store.MessageStore.Amended.Outcome;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 on a history stored before it: every row is copied into its month's partition with its seq, the
 * current month and the next three are made, and the store goes on from there (seqs, retries, edits).
 */
class PartitionMigrationTest {

    @Test
    void rowsStoredBeforeThePartitionsAreCopiedIntoTheirMonths() throws Exception {
        String r2dbc = TestPostgres.freshDatabase("v9copy");
        String jdbc = TestPostgres.jdbcUrlOf(r2dbc);
        Flyway.configure().dataSource(jdbc, null, null)
                .locations("classpath:db/migration", "classpath:db/postgres").target("8").load().migrate();
        try (Connection connection = DriverManager.getConnection(jdbc)) {
            connection.createStatement().execute("INSERT INTO chat_rooms VALUES ('old', 3, '2025-02-01T00:00:00Z')");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chat_messages "
                    + "(room, seq, user_name, body, sent_at, client_id) VALUES ('old', ?, 'ann', ?, ?, ?)")) {
                String[] sentAt = {"2024-12-31T23:59:59.999Z", "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"};
                for (int i = 0; i < 3; i++) {
                    insert.setLong(1, i + 1);
                    insert.setString(2, "before V9 " + (i + 1));
                    insert.setObject(3, OffsetDateTime.ofInstant(Instant.parse(sentAt[i]), ZoneOffset.UTC));
                    insert.setString(4, "c-" + (i + 1));
                    insert.executeUpdate();
                }
            }
        }

        Vertx vertx = Vertx.vertx();
        try {
            R2dbcMessageStore store = await(R2dbcMessageStore.open(vertx, StoreSettings.postgres(r2dbc)));
            try {
                assertThat(rowsByPartition(jdbc)).containsExactly(Map.entry("chat_messages_y2024m12", 1L),
                        Map.entry("chat_messages_y2025m01", 1L), Map.entry("chat_messages_y2025m02", 1L));
                assertThat(partitions(jdbc)).as("the months of the rows, and now's and the next three")
                        .contains("chat_messages_y2024m12", "chat_messages_y2025m02").hasSizeGreaterThanOrEqualTo(7);
                assertThat(await(store.after("old", 0, 10)).messages()).extracting(StoredMessage::text)
                        .containsExactly("before V9 1", "before V9 2", "before V9 3");
                assertThat(await(store.append(new NewMessage("old", "ann", "after V9", Instant.now(),
                        Optional.of("c-new")))).message().seq()).isEqualTo(4);
                assertThat(await(store.amend(new Amendment("old", 1, "ann", Authorship.POSTED_ON_THIS_CONNECTION,
                        Optional.of("edited after V9"), Instant.now(), Optional.empty()))).outcome())
                        .isEqualTo(Outcome.AMENDED);
                assertThat(await(store.before("old", 2, 1)).messages().get(0).text()).isEqualTo("edited after V9");
            } finally {
                await(store.close());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Long> rowsByPartition(String jdbc) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbc);
             ResultSet result = connection.createStatement().executeQuery(
                     "SELECT tableoid::regclass::text, count(*) FROM chat_messages WHERE body LIKE 'before V9%' "
                             + "GROUP BY 1")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        }
        return rows;
    }

    private static java.util.List<String> partitions(String jdbc) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbc);
             ResultSet result = connection.createStatement().executeQuery("SELECT c.relname FROM pg_inherits i "
                     + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'chat_messages'::regclass")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }
}
