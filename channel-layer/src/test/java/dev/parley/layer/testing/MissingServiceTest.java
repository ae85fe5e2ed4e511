package dev.parley.layer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The skip-or-fail rule for a test whose service or program is missing, with and without CHAT_TEST_REQUIRE_SERVICES. */
class MissingServiceTest {

    private static final String REASON = "CHAT_TEST_REDIS_URL=redis://127.0.0.1:1 does not answer PING within 3 s";

    @Test
    void withoutTheVariableOrWithFalseTheTestIsSkippedWithTheReason() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(MissingService.REQUIRE_ENV, "false"),
                Map.of(MissingService.REQUIRE_ENV, " "), Map.of(MissingService.REQUIRE_ENV, "FALSE"))) {
            assertThatThrownBy(() -> MissingService.stop(env, "Redis", REASON)).as("with %s", env)
                    .isExactlyInstanceOf(TestAbortedException.class)
                    .hasMessage("skipped: " + REASON);
        }
    }

    @Test
    void withTrueTheTestFailsNamingWhatIsMissing() {
        for (String value : List.of("true", "TRUE", " true ")) {
            assertThatThrownBy(() -> MissingService.stop(Map.of(MissingService.REQUIRE_ENV, value), "Redis", REASON))
                    .as("with %s='%s'", MissingService.REQUIRE_ENV, value)
                    .isExactlyInstanceOf(AssertionError.class)
                    .hasMessage("Redis is missing, and CHAT_TEST_REQUIRE_SERVICES=true makes that a failure, not a skip: "
                            + REASON);
        }
    }

    @Test
    void anyOtherValueFailsNamingTheVariableRatherThanSkippingSilently() {
        assertThatThrownBy(() -> MissingService.stop(Map.of(MissingService.REQUIRE_ENV, "yes"), "nginx", "install it"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("CHAT_TEST_REQUIRE_SERVICES must be true or false, not 'yes'");
    }

    @Test
    void requireLetsAPresentServiceThroughAndStopsAMissingOneByTheRule() {
        assertThatCode(() -> MissingService.require(true, "nginx", "install it")).doesNotThrowAnyException();

        String expected = MissingService.message(System.getenv(), "nginx", "install it");
        assertThatThrownBy(() -> MissingService.require(false, "nginx", "install it"))
                .isInstanceOfAny(TestAbortedException.class, AssertionError.class)
                .hasMessage(expected);
        assertThat(expected).endsWith(": install it");
    }
}
