package dev.parley.layer.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases {@link TestPostgres} creates for test classes, each dropped when the JVM exits: best effort,
 * since a database left behind costs disk space, not correctness, and must never fail the run.
 */
final class ScratchDatabases {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** "t_" + name + "_" + 8 random characters stays under PostgreSQL's 63-byte limit on names. */
    private static final int NAME_MAX = 40;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DROP_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Each created database, by name, with the URL of the server's database to drop it from. */
    private static final Map<String, PostgresUrl> CREATED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ScratchDatabases::dropAll, "parley-postgres-database-drop"));
    }

    private ScratchDatabases() {
    }

    /**
     * A name no other call returns, {@code t_<testName>_<8 random [a-z0-9]>}: lower case letters, digits and
     * '_' only, so it needs no quoting, and under 63 characters.
     */
    static String uniqueName(String testName) {
        String name = Objects.requireNonNull(testName, "testName").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        name = name.isEmpty() ? "test" : name.substring(0, Math.min(name.length(), NAME_MAX));
        StringBuilder unique = new StringBuilder("t_").append(name).append('_');
        for (int i = 0; i < 8; i++) {
            unique.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return unique.toString();
    }

    /** Creates the empty database {@code name} on the server of {@code server}, to be dropped at exit. */
    static PostgresUrl create(PostgresUrl server, String name) {
        // Registered first: a CREATE that times out here may still complete on the server.
        CREATED.put(name, server);
        // From template0, which nobody connects to: a session open on template1 would make the CREATE fail.
        execute(server, "CREATE DATABASE \"" + name + "\" TEMPLATE template0", STATEMENT_TIMEOUT);
        return server.withDatabase(name);
    }

    /** Runs one statement over a JDBC connection of its own; {@link IllegalStateException} if it fails. */
    static void execute(PostgresUrl url, String sql, Duration timeout) {
        try (Connection connection = connect(url, CONNECT_TIMEOUT, timeout);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("`" + sql + "` failed on " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * A JDBC connection that is open within {@code connectTimeout} or fails, whether the server is down, slow or
     * hanging; a later read on it that waits longer than {@code readTimeout} fails too.
     */
    static Connection connect(PostgresUrl url, Duration connectTimeout, Duration readTimeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", seconds(connectTimeout));
        properties.setProperty("loginTimeout", seconds(connectTimeout));
        properties.setProperty("socketTimeout", seconds(readTimeout));
        return DriverManager.getConnection(url.jdbc(), properties);
    }

    private static void dropAll() {
        CREATED.forEach((name, server) -> {
            try {
                execute(server, "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)", DROP_TIMEOUT);
            } catch (RuntimeException e) {
                System.err.println("[TestPostgres] left database " + name + " behind: " + e.getMessage());
            }
        });
    }

    private static String seconds(Duration timeout) {
        return String.valueOf(Math.max(1, timeout.toSeconds()));
    }
}
