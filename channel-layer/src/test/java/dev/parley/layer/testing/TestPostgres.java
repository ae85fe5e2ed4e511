package dev.parley.layer.testing;

import dev.parley.layer.testing.ServiceDecision.Skip;
import dev.parley.layer.testing.ServiceDecision.StartContainer;
import dev.parley.layer.testing.ServiceDecision.Use;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where integration tests find PostgreSQL, decided once per JVM: the server named by {@code
 * CHAT_TEST_DATABASE_URL} (Docker is then never probed), else a Testcontainers {@code postgres:16-alpine}, else
 * the test is stopped by the {@link MissingService} rule with a message saying what to start: skipped, or failed
 * under {@code CHAT_TEST_REQUIRE_SERVICES=true}. It never hangs. Each test class gets an empty database of its
 * own, so runs never see each other.
 *
 * <pre>{@code
 * String url = TestPostgres.freshDatabase("history");  // in a @BeforeAll: skips each test if there is no PostgreSQL
 * TestPostgres.execute(url, "DROP TABLE message");      // a test that breaks the schema on purpose
 * }</pre>
 */
public final class TestPostgres {

    /** The variable naming a running PostgreSQL: {@code r2dbc:postgresql://postgres@127.0.0.1:5432/postgres}. */
    public static final String ENV = "CHAT_TEST_DATABASE_URL";
    /** What a failing test says is missing under {@code CHAT_TEST_REQUIRE_SERVICES=true}. */
    static final String SERVICE = "PostgreSQL";

    /** A half-working Docker can block the probe ~120 s; past this the probe is abandoned and tests skip. */
    static final Duration DOCKER_PROBE_BOUND = Duration.ofSeconds(15);
    /** Pulling postgres:16-alpine (~100 MB) plus its first start; an unreachable registry retries for ~120 s. */
    static final Duration CONTAINER_START_BOUND = Duration.ofSeconds(90);

    private static final String START_POSTGRES =
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    private static final String DEFAULT_URL = "r2dbc:postgresql://postgres@127.0.0.1:5432/postgres";

    private TestPostgres() {
    }

    /**
     * Creates an empty database of the caller's own, {@code t_<testName>_<8 random [a-z0-9]>}, dropped when the
     * JVM exits, and returns its R2DBC URL (the server's user, password, host and port). If there is no
     * PostgreSQL, stops the caller by the {@link MissingService} rule; call it once per test class.
     */
    public static String freshDatabase(String testName) {
        PostgresUrl server = PostgresUrl.parse(serverUrl());
        return ScratchDatabases.create(server, ScratchDatabases.uniqueName(testName)).r2dbc();
    }

    /** The R2DBC URL of the server itself, its maintenance database; stops the caller as freshDatabase does. */
    static String serverUrl() {
        return Decided.DECISION.urlOrStop(System.getenv());
    }

    /**
     * The JDBC URL of the same database, user and password as parameters: {@code
     * r2dbc:postgresql://postgres@127.0.0.1:5432/db} gives {@code jdbc:postgresql://127.0.0.1:5432/db?user=postgres}.
     * {@link IllegalArgumentException} if it is not {@code r2dbc:postgresql://user[:password]@host[:port]/database}.
     */
    public static String jdbcUrlOf(String r2dbcUrl) {
        return PostgresUrl.parse(r2dbcUrl).jdbc();
    }

    /**
     * Runs one SQL statement on that database over a JDBC connection of its own, e.g. to terminate the
     * connections of the code under test or drop a table under it; {@link IllegalStateException} if it fails.
     */
    public static void execute(String r2dbcUrl, String sql) {
        ScratchDatabases.execute(PostgresUrl.parse(r2dbcUrl), sql, ScratchDatabases.STATEMENT_TIMEOUT);
    }

    /** The decision, made when first asked for: class initialisation makes it once per JVM and thread-safe. */
    private static final class Decided {
        static final ServiceDecision DECISION = resolve();
    }

    private static ServiceDecision resolve() {
        return ServiceDecision.resolve("TestPostgres",
                () -> decide(System.getenv(), PostgresContainer::dockerUsable, DOCKER_PROBE_BOUND),
                TestPostgres::startContainer);
    }

    /**
     * The decision before any container is started: the configured URL if a JDBC connection to it opens within
     * 3 s (else skip), else {@link StartContainer} if {@code dockerUsable}
     * says true within {@code probeBound}, else skip.
     */
    static ServiceDecision decide(Map<String, String> env, BooleanSupplier dockerUsable, Duration probeBound) {
        String configured = env.getOrDefault(ENV, "").trim();
        if (!configured.isEmpty()) {
            return checkConfigured(configured);
        }
        return ServiceDecision.dockerOrSkip(SERVICE, ENV, dockerUsable, probeBound, docker ->
                "no PostgreSQL for integration tests (" + ENV + " is not set and " + docker + "). "
                        + "Start PostgreSQL and set " + ENV + "=" + DEFAULT_URL + ", or install Docker for Testcontainers");
    }

    private static ServiceDecision checkConfigured(String configured) {
        PostgresUrl url;
        try {
            url = PostgresUrl.parse(configured);
        } catch (IllegalArgumentException e) {
            return new Skip(SERVICE, ENV + " is " + e.getMessage() + ". Set it to " + DEFAULT_URL + " or similar");
        }
        Duration timeout = ScratchDatabases.CONNECT_TIMEOUT;
        try (Connection connection = ScratchDatabases.connect(url, timeout, timeout)) {
            return new Use(url.r2dbc(), ENV + "=" + url + " (accepts a JDBC connection; Docker not probed)");
        } catch (SQLException e) {
            return new Skip(SERVICE, ENV + "=" + url + " does not accept a JDBC connection within "
                    + timeout.toSeconds() + " s (" + firstLine(e) + "). Start PostgreSQL there (" + START_POSTGRES
                    + ") or unset " + ENV + " to use Docker");
        }
    }

    private static ServiceDecision startContainer(String why) {
        try {
            String url = BoundedCall.call("starting " + PostgresContainer.IMAGE, PostgresContainer::start,
                    CONTAINER_START_BOUND);
            return new Use(url, "Testcontainers " + PostgresContainer.IMAGE + " at " + url + " (" + why + ")");
        } catch (BoundedCall.Failed e) {
            return new Skip(SERVICE, "Docker is usable but " + e.getMessage() + ". Start PostgreSQL ("
                    + START_POSTGRES + ") and set " + ENV + "=" + DEFAULT_URL);
        }
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(e.getClass().getName());
    }
}
