package dev.parley.layer.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers side of {@link TestRedis}, in a class of its own so that Testcontainers is loaded only
 * when no Redis is configured: a module whose tests set CHAT_TEST_REDIS_URL runs without it on the classpath.
 */
final class RedisContainer {

    static final String IMAGE = "redis:7-alpine";
    private static final int REDIS_PORT = 6379;

    private RedisContainer() {
    }

    /** Whether Testcontainers finds a Docker engine; may block for minutes, so call it through BoundedCall. */
    static boolean dockerUsable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * Starts a Redis container for the rest of the JVM's life and returns its URL. Ryuk removes it when the
     * JVM exits; the shutdown hook stops it too, for runs with {@code TESTCONTAINERS_RYUK_DISABLED=true}.
     */
    static String start() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(REDIS_PORT);
        // Registered before start(): a start that overruns its bound and completes later is still stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "parley-redis-container-stop"));
        container.start();
        return "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
    }
}
