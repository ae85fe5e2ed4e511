package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways append the same retry (same room, user and client id) while a third transaction holds the room, so
 * that both wait for it with their statements already begun: when it lets go, one stores the message and the other
 * is answered that it is a duplicate, with the same seq, in its one call and without an error for the caller to
 * retry. Calls {@code parley_append} itself over JDBC, the order of events forced by locks, not by timing.
 */
class PostgresAppendRaceTest {

    private static final Duration WAIT_BOUND = Duration.ofSeconds(20);
    private static String jdbcUrl;

    @BeforeAll
    static void migrate() {
        jdbcUrl = TestPostgres.jdbcUrlOf(TestPostgres.freshDatabase("append_race"));
        Flyway.configure().dataSource(jdbcUrl, null, null)
                .locations("classpath:db/migration", "classpath:db/postgres").load().migrate();
    }

    @Test
    void aRetryStoredMeanwhileInAnExistingRoomIsAnsweredAsADuplicate() throws Exception {
        try (Connection first = DriverManager.getConnection(jdbcUrl)) {
            append(first, "lobby", "ann", "before", null);
        }
        assertOneStoredOneDuplicate("lobby", "SELECT 1 FROM chat_rooms WHERE name = 'lobby' FOR UPDATE");
    }

    @Test
    void aRetryStoredMeanwhileInARoomNewToBothIsAnsweredAsADuplicate() throws Exception {
        assertOneStoredOneDuplicate("fresh",
                "INSERT INTO chat_rooms (name, last_seq, last_activity) VALUES ('fresh', 0, now())");
    }

    /** Holds the room with {@code holdSql} in an open transaction while two connections append the same retry. */
    private static void assertOneStoredOneDuplicate(String room, String holdSql) throws Exception {
        List<Connection> gateways = new ArrayList<>();
        try (Connection holder = DriverManager.getConnection(jdbcUrl)) {
            holder.setAutoCommit(false);
            try (Statement hold = holder.createStatement()) {
                hold.execute(holdSql);
            }
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Connection gateway = DriverManager.getConnection(jdbcUrl);
                gateways.add(gateway);
                answers.add(CompletableFuture.supplyAsync(() -> append(gateway, room, "cid", "retried", "c-1")));
            }
            awaitWaitingForLocks(holder, 2);
            holder.commit();

            Answer one = answers.get(0).get(WAIT_BOUND.toSeconds(), TimeUnit.SECONDS);
            Answer two = answers.get(1).get(WAIT_BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(List.of(one.duplicate(), two.duplicate())).containsExactlyInAnyOrder(true, false);
            assertThat(one.seq()).isEqualTo(two.seq());
            assertThat(one.text()).isEqualTo("retried");
            assertThat(two.text()).isEqualTo("retried");
        } finally {
            for (Connection gateway : gateways) {
                gateway.close();
            }
        }
    }

    /** Until {@code count} other sessions of this database wait for a lock, which the holder has. */
    private static void awaitWaitingForLocks(Connection observer, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT_BOUND.toNanos();
        try (PreparedStatement waiting = observer.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            while (true) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) >= count) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("both appends waiting for the room within %s", WAIT_BOUND)
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private record Answer(long seq, String text, boolean duplicate) {
    }

    /** One message through the function, as PostgresBatchWrite sends a batch (here of one). */
    private static Answer append(Connection connection, String room, String user, String text, String clientId) {
        try (PreparedStatement call = connection.prepareStatement(
                "SELECT seq, body, duplicate FROM parley_append(?, ?, ?, ?, ?)")) {
            call.setArray(1, connection.createArrayOf("text", new String[] {room}));
            call.setArray(2, connection.createArrayOf("text", new String[] {user}));
            call.setArray(3, connection.createArrayOf("text", new String[] {text}));
            call.setArray(4, connection.createArrayOf("bigint", new Long[] {System.currentTimeMillis()}));
            call.setArray(5, connection.createArrayOf("text", new String[] {clientId}));
            try (ResultSet row = call.executeQuery()) {
                row.next();
                boolean duplicate = row.getBoolean(3);
                return new Answer(row.getLong(1), duplicate ? row.getString(2) : text, duplicate);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("parley_append failed: " + e.getMessage(), e);
        }
    }
}
