package dev.parley.layer.testing;

import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * The one rule for a test that cannot run for want of something outside the JVM (Redis, PostgreSQL, a program
 * such as redis-server, Chromium or nginx): the test is skipped, saying what to install or start; with {@code
 * CHAT_TEST_REQUIRE_SERVICES=true}, as in CI, it fails instead, naming what is missing.
 *
 * <pre>{@code
 * Path nginx = NginxProcess.binary().orElseGet(() -> MissingService.stop("nginx", "install it (apt-get install nginx)"));
 * MissingService.require(onPath("docker-compose"), "docker-compose", "install it (apt-get install docker-compose)");
 * }</pre>
 */
public final class MissingService {

    /** Set to {@code true} to fail, rather than skip, every test whose service or program is missing. */
    public static final String REQUIRE_ENV = "CHAT_TEST_REQUIRE_SERVICES";

    private MissingService() {
    }

    /**
     * Stops the calling test, or the {@code @BeforeAll} calling it, because {@code what} is missing: skipped,
     * with {@code reason} (why, and what to install or start), or failed under {@code CHAT_TEST_REQUIRE_SERVICES=true}.
     * Never returns; typed so that it fits in {@code orElseGet}.
     */
    public static <T> T stop(String what, String reason) {
        return stop(System.getenv(), what, reason);
    }

    /** Stops the calling test as {@link #stop} does unless {@code present}. */
    public static void require(boolean present, String what, String reason) {
        if (!present) {
            stop(what, reason);
        }
    }

    /** {@link #stop} with the environment given: for the tests of this rule and of the locators. */
    static <T> T stop(Map<String, String> env, String what, String reason) {
        String message = message(env, what, reason);
        if (required(env)) {
            throw new AssertionError(message);
        }
        throw new TestAbortedException(message);
    }

    /** What the stopped test says: "skipped: reason", or "Redis is missing, and ... a failure, not a skip: reason". */
    static String message(Map<String, String> env, String what, String reason) {
        return required(env)
                ? what + " is missing, and " + REQUIRE_ENV + "=true makes that a failure, not a skip: " + reason
                : "skipped: " + reason;
    }

    /** Whether missing services fail tests; a value other than true or false fails, so a typo never skips silently. */
    static boolean required(Map<String, String> env) {
        String value = env.getOrDefault(REQUIRE_ENV, "").trim();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(REQUIRE_ENV + " must be true or false, not '" + value + "'");
    }
}
