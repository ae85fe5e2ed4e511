package dev.parley.examples.poll;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the Redis tests find Redis, as in Parley's own tests: {@code CHAT_TEST_REDIS_URL}. Without it a test is
 * skipped, saying what to set, or fails under {@code CHAT_TEST_REQUIRE_SERVICES=true} (as in CI).
 */
final class TestRedis {

    private TestRedis() {
    }

    /** The URL of the Redis to test against; call it from a {@code @BeforeEach}. */
    static String url() {
        String url = System.getenv().getOrDefault("CHAT_TEST_REDIS_URL", "").trim();
        if (!url.isEmpty()) {
            return url;
        }
        String missing = "no Redis: CHAT_TEST_REDIS_URL is not set. Start one (redis-server --port 6379 --save \"\") "
                + "and set CHAT_TEST_REDIS_URL=redis://127.0.0.1:6379";
        if ("true".equals(System.getenv("CHAT_TEST_REQUIRE_SERVICES"))) {
            fail("Redis is missing, and CHAT_TEST_REQUIRE_SERVICES=true makes that a failure, not a skip: " + missing);
        }
        Assumptions.abort(missing);
        throw new AssertionError("unreachable");
    }

    /** A key prefix (under 40 characters) of this test's own, so runs sharing a Redis never see each other's channels and groups. */
    static String uniquePrefix(String test) {
        String name = test.replaceAll("[^A-Za-z0-9_.-]", "_");
        return "t-poll-" + name.substring(0, Math.min(name.length(), 20)) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
