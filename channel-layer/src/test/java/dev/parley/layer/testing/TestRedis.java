package dev.parley.layer.testing;

import dev.parley.layer.testing.ServiceDecision.Skip;
import dev.parley.layer.testing.ServiceDecision.StartContainer;
import dev.parley.layer.testing.ServiceDecision.Use;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Where integration tests find Redis, decided once per JVM: the Redis named by {@code CHAT_TEST_REDIS_URL}
 * (Docker is then never probed), else a Testcontainers {@code redis:7-alpine}, else the test is stopped by the
 * {@link MissingService} rule with a message saying what to start: skipped, or failed under {@code
 * CHAT_TEST_REQUIRE_SERVICES=true}. It never hangs.
 *
 * <pre>{@code
 * String url = TestRedis.url();                         // in a @BeforeAll: skips each test if there is no Redis
 * String prefix = TestRedis.uniquePrefix("groupSend");  // the keys, channels and groups of this test only
 * }</pre>
 */
public final class TestRedis {

    /** The environment variable naming a running Redis, e.g. {@code redis://127.0.0.1:6379}. */
    public static final String ENV = "CHAT_TEST_REDIS_URL";
    /** What a failing test says is missing under {@code CHAT_TEST_REQUIRE_SERVICES=true}. */
    static final String SERVICE = "Redis";

    /** A half-working Docker can block the probe ~120 s; past this the probe is abandoned and tests skip. */
    static final Duration DOCKER_PROBE_BOUND = Duration.ofSeconds(15);
    /** Pulling redis:7-alpine plus starting it; a registry that cannot be reached retries for ~120 s. */
    static final Duration CONTAINER_START_BOUND = Duration.ofSeconds(60);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    private static final String START_REDIS =
            "redis-server --daemonize yes --bind 127.0.0.1 --port %d --save \"\" --appendonly no";
    private static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PREFIX_NAME_MAX = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestRedis() {
    }

    /** The Redis URL for integration tests; if there is none, stops the caller by the {@link MissingService} rule. */
    public static String url() {
        return Decided.DECISION.urlOrStop(System.getenv());
    }

    /**
     * A key prefix no other call returns, {@code t-<testName>-<8 random [a-z0-9]>}: under 40 characters of
     * letters, digits, '-', '_' and '.', so it is valid in Redis keys and in channel and group names.
     */
    public static String uniquePrefix(String testName) {
        String name = Objects.requireNonNull(testName, "testName").replaceAll("[^A-Za-z0-9_.-]", "_");
        name = name.isEmpty() ? "test" : name.substring(0, Math.min(name.length(), PREFIX_NAME_MAX));
        StringBuilder prefix = new StringBuilder("t-").append(name).append('-');
        for (int i = 0; i < 8; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        return prefix.toString();
    }

    /** The decision, made when first asked for: class initialisation makes it once per JVM and thread-safe. */
    private static final class Decided {
        static final ServiceDecision DECISION = resolve();
    }

    private static ServiceDecision resolve() {
        return ServiceDecision.resolve("TestRedis",
                () -> decide(System.getenv(), RedisContainer::dockerUsable, DOCKER_PROBE_BOUND),
                TestRedis::startContainer);
    }

    /**
     * The decision before any container is started: the configured URL if it answers PING (else skip), else
     * {@link StartContainer} if {@code dockerUsable} says true within {@code probeBound}, else skip.
     */
    static ServiceDecision decide(Map<String, String> env, BooleanSupplier dockerUsable, Duration probeBound) {
        String configured = env.getOrDefault(ENV, "").trim();
        if (!configured.isEmpty()) {
            return checkConfigured(configured);
        }
        return ServiceDecision.dockerOrSkip(SERVICE, ENV, dockerUsable, probeBound, docker ->
                "no Redis for integration tests (" + ENV + " is not set and " + docker + "). "
                        + "Start one (" + START_REDIS.formatted(6379) + ") and set " + ENV + "=" + DEFAULT_URL
                        + ", or install Docker for Testcontainers");
    }

    private static ServiceDecision checkConfigured(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return notARedisUrl(url);
        }
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            return notARedisUrl(url);
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        String shown = ENV + "=" + (uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo(), "***"));
        if (RedisPing.answers(uri.getHost(), port, PING_TIMEOUT)) {
            return new Use(url, shown + " (answers PING; Docker not probed)");
        }
        return new Skip(SERVICE, shown + " does not answer PING within " + PING_TIMEOUT.toSeconds() + " s. "
                + "Start Redis there (" + START_REDIS.formatted(port) + ") or unset " + ENV
                + " to use Docker");
    }

    private static Skip notARedisUrl(String url) {
        return new Skip(SERVICE, ENV + "=" + url + " is not a redis://host:port URL; set it to " + DEFAULT_URL
                + " or similar");
    }

    private static ServiceDecision startContainer(String why) {
        try {
            String url = BoundedCall.call("starting " + RedisContainer.IMAGE, RedisContainer::start,
                    CONTAINER_START_BOUND);
            return new Use(url, "Testcontainers " + RedisContainer.IMAGE + " at " + url + " (" + why + ")");
        } catch (BoundedCall.Failed e) {
            return new Skip(SERVICE, "Docker is usable but " + e.getMessage() + ". Start Redis ("
                    + START_REDIS.formatted(6379) + ") and set " + ENV + "=" + DEFAULT_URL);
        }
    }
}
