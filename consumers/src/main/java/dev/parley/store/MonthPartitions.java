package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Postgres's month partitions of chat_messages (db/postgres/V9): creates the month of {@code now} and the
 * {@value #MONTHS_AHEAD} after it where missing, and drops the months that lie wholly before the retention. Each
 * step is a transaction of its own under the functions' advisory lock, so several gateways may run it at once; the
 * drop waits at most {@link #LOCK_WAIT} for its moment of exclusive lock on the table, else it is left for the next
 * run.
 */
final class MonthPartitions {

    /** Months created ahead of the current one: a gateway's clock must be this far off for an insert to fail. */
    static final int MONTHS_AHEAD = 3;
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    private MonthPartitions() {
    }

    /** Blocking; on a connection of its own. */
    static Upkeep run(Database database, Instant now, Optional<Duration> retention) throws SQLException {
        try (Connection connection = database.openJdbc()) {
            connection.setAutoCommit(false);
            List<String> created = create(connection, now);
            if (retention.isEmpty()) {
                return new Upkeep(created, List.of(), 0, Optional.empty());
            }
            try {
                return new Upkeep(created, drop(connection, now.minus(retention.get())), 0, Optional.empty());
            } catch (SQLException e) {
                // The months made ahead still count; the old ones are dropped on a later run.
                return new Upkeep(created, List.of(), 0, Optional.of(e.getMessage()));
            }
        }
    }

    private static List<String> create(Connection connection, Instant now) throws SQLException {
        List<String> created = new ArrayList<>();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        try (PreparedStatement add = connection.prepareStatement("SELECT parley_add_month(?)")) {
            lockWait(connection);
            for (int i = 0; i <= MONTHS_AHEAD; i++) {
                add.setObject(1, month.plusMonths(i).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                try (ResultSet row = add.executeQuery()) {
                    row.next();
                    Optional.ofNullable(row.getString(1)).ifPresent(created::add);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return created;
    }

    private static List<String> drop(Connection connection, Instant cutoff) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (PreparedStatement drop = connection.prepareStatement("SELECT parley_drop_months_before(?)")) {
            lockWait(connection);
            drop.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rows = drop.executeQuery()) {
                while (rows.next()) {
                    dropped.add(rows.getString(1));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return dropped;
    }

    /** Waiting longer for a lock on chat_messages would hold up every insert queued behind the wait. */
    private static void lockWait(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
        }
    }
}
