package dev.parley.layer.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers side of {@link TestPostgres}, in a class of its own so that Testcontainers is loaded only
 * when no PostgreSQL is configured: tests that set CHAT_TEST_DATABASE_URL run without it on the classpath.
 */
final class PostgresContainer {

    static final String IMAGE = "postgres:16-alpine";
    private static final int POSTGRES_PORT = 5432;

    private PostgresContainer() {
    }

    /** Whether Testcontainers finds a Docker engine; may block for minutes, so call it through BoundedCall. */
    static boolean dockerUsable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * Starts a PostgreSQL container (trust auth, user and database {@code postgres}) for the rest of the JVM's
     * life and returns its R2DBC URL. Ryuk removes it when the JVM exits; the shutdown hook stops it too, for
     * runs with {@code TESTCONTAINERS_RYUK_DISABLED=true}.
     */
    static String start() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withExposedPorts(POSTGRES_PORT)
                // The image's init script runs a server, stops it, then starts the real one: wait for the second.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
        // Registered before start(): a start that overruns its bound and completes later is still stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "parley-postgres-container-stop"));
        container.start();
        return "r2dbc:postgresql://postgres@" + container.getHost() + ":" + container.getMappedPort(POSTGRES_PORT)
                + "/postgres";
    }
}
