package dev.parley.layer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A class skipped in {@code @BeforeAll} is reported as skipped tests, each with the reason, through the same
 * autodetection the builds switch on; the sample classes below run only here (surefire skips nested classes).
 */
class PerTestSkipsTest {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";
    private static final String REASON = "no Redis here; start one";
    private static final List<String> RAN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetWhatRan() {
        RAN.clear();
    }

    @Test
    void aClassSkippedInBeforeAllReportsEachTestSkippedWithTheReason() {
        EngineExecutionResults results = run(SkippedInBeforeAll.class, true);

        results.testEvents().assertStatistics(stats -> stats.skipped(2).started(0));
        assertThat(results.testEvents().skipped().stream().map(PerTestSkipsTest::reason))
                .containsExactly("skipped: " + REASON, "skipped: " + REASON);
        results.containerEvents().assertStatistics(stats -> stats.aborted(0).failed(0));
        assertThat(RAN).as("a later @BeforeAll is not run; @AfterAll is, as JUnit always runs it")
                .containsExactly("@AfterAll");
    }

    @Test
    void withoutItTheClassIsAbortedAndNoTestIsReportedAtAll() {
        EngineExecutionResults results = run(SkippedInBeforeAll.class, false);

        results.testEvents().assertStatistics(stats -> stats.skipped(0).started(0));
        results.containerEvents().assertStatistics(stats -> stats.aborted(1));
    }

    @Test
    void aRequiredServiceMissingInBeforeAllStillFailsTheClass() {
        EngineExecutionResults results = run(FailedInBeforeAll.class, true);

        results.testEvents().assertStatistics(stats -> stats.skipped(0).started(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(1));
        assertThat(results.containerEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()))
                .singleElement().satisfies(failure -> assertThat(failure).isExactlyInstanceOf(AssertionError.class)
                        .hasMessageStartingWith("Redis is missing, and CHAT_TEST_REQUIRE_SERVICES=true"));
    }

    @Test
    void aClassWhoseBeforeAllPassesRunsAsUsual() {
        EngineExecutionResults results = run(Unskipped.class, true);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).skipped(0));
        assertThat(RAN).containsExactlyInAnyOrder("one", "two");
    }

    private static EngineExecutionResults run(Class<?> sample, boolean autodetect) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(AUTODETECTION, String.valueOf(autodetect))
                .selectors(selectClass(sample))
                .execute();
    }

    private static String reason(Event skipped) {
        return skipped.getRequiredPayload(String.class);
    }

    /** Stands for a class calling TestRedis.url() in its @BeforeAll where there is no Redis. */
    static class NeedsRedis {
        @BeforeAll
        static void needsRedis() {
            MissingService.stop(Map.of(), "Redis", REASON);
        }
    }

    static class SkippedInBeforeAll extends NeedsRedis {
        @BeforeAll
        static void startsWhatTheTestsUse() {
            RAN.add("later @BeforeAll");
        }

        @AfterAll
        static void stops() {
            RAN.add("@AfterAll");
        }

        @Test
        void one() {
            RAN.add("one");
        }

        @Test
        void two() {
            RAN.add("two");
        }
    }

    static class FailedInBeforeAll {
        @BeforeAll
        static void needsRedis() {
            MissingService.stop(Map.of(MissingService.REQUIRE_ENV, "true"), "Redis", REASON);
        }

        @Test
        void one() {
            RAN.add("one");
        }
    }

    static class Unskipped {
        @BeforeAll
        static void findsEverything() {
            MissingService.require(true, "Redis", REASON);
        }

        @Test
        void one() {
            RAN.add("one");
        }

        @Test
        void two() {
            RAN.add("two");
        }
    }
}
