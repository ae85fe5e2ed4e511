package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .ci/test-summary, which ends CI's output, on report trees made up here: it counts each module's tests (and those of
 * the projects a module builds with the invoker, as examples/ does), and fails the run on a failed or skipped test, a
 * class of 0 tests, or a module or project whose tests left no reports.
 */
class CiTestSummaryTest {

    private static final Path SCRIPT = RepositoryRoot.resolve(".ci/test-summary");

    @TempDir
    Path root;

    @Test
    void allTestsRunEndsWithOneLinePerModuleAndSucceeds() throws Exception {
        modules("channel-layer", "gateway");
        report("channel-layer", "surefire", "dev.parley.layer.ATest", 3, 0, 0, 0);
        report("channel-layer", "surefire", "dev.parley.layer.BTest", 2, 0, 0, 0);
        report("gateway", "surefire", "dev.parley.gateway.CTest", 4, 0, 0, 0);
        report("gateway", "failsafe", "dev.parley.gateway.DIT", 5, 0, 0, 0);

        ExternalCommand.Result result = summary();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().toList()).containsExactly(
                "== tests per module",
                "channel-layer: 5 run, 0 failed, 0 skipped",
                "gateway: 9 run, 0 failed, 0 skipped");
    }

    @Test
    void aSkippedTestAClassOfZeroTestsAFailureOrMissingReportsFailTheRun() throws Exception {
        modules("channel-layer", "consumers", "gateway", "docs-only");
        report("channel-layer", "surefire", "dev.parley.layer.ATest", 3, 1, 1, 0);
        Files.createDirectories(root.resolve("consumers/src/test/java"));
        report("gateway", "failsafe", "dev.parley.gateway.BrowserChatIT", 0, 0, 0, 0);
        report("gateway", "failsafe", "dev.parley.gateway.ReplicasIT", 2, 0, 0, 1);
        Files.createDirectories(root.resolve("docs-only"));

        ExternalCommand.Result result = summary();

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        List<String> lines = result.output().lines().toList();
        assertThat(lines.subList(lines.size() - 4, lines.size())).containsExactly(
                "== tests per module",
                "channel-layer: 3 run, 2 failed, 0 skipped",
                "consumers: no test reports",
                "gateway: 2 run, 0 failed, 1 skipped");
        assertThat(lines).contains(
                "  channel-layer: 2 tests failed",
                "  consumers: no test reports in target/surefire-reports or target/failsafe-reports: its tests did not run",
                "  gateway: dev.parley.gateway.BrowserChatIT ran 0 tests (skipped in @BeforeAll, or has no tests?)",
                "  gateway: skipped dev.parley.gateway.ReplicasIT.test0");
        assertThat(result.output()).doesNotContain("docs-only");
    }

    @Test
    void projectsAModuleBuildsWithTheInvokerGetALineEachAndMustHaveRun() throws Exception {
        modules("gateway", "examples");
        report("gateway", "surefire", "dev.parley.gateway.CTest", 4, 0, 0, 0);
        project("examples/echo");
        project("examples/live-poll");
        Files.createDirectories(root.resolve("examples/target/it-repo/dev/parley"));
        report("examples/target/it/echo", "surefire", "dev.parley.examples.echo.EchoConsumerTest", 2, 0, 0, 0);
        report("examples/target/it/echo", "failsafe", "dev.parley.examples.echo.EchoServerIT", 5, 0, 0, 0);

        ExternalCommand.Result failed = summary();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output().lines().toList()).contains(
                "  examples/live-poll: no test reports in target/surefire-reports or target/failsafe-reports: its "
                        + "tests did not run")
                .endsWith(
                        "== tests per module",
                        "gateway: 4 run, 0 failed, 0 skipped",
                        "examples/echo: 7 run, 0 failed, 0 skipped",
                        "examples/live-poll: no test reports");

        report("examples/target/it/live-poll", "failsafe", "dev.parley.examples.poll.PollWorkerRedisIT", 1, 0, 0, 0);

        ExternalCommand.Result passed = summary();

        assertThat(passed.exitCode()).as(passed.output()).isZero();
        assertThat(passed.output().lines().toList()).containsExactly(
                "== tests per module",
                "gateway: 4 run, 0 failed, 0 skipped",
                "examples/echo: 7 run, 0 failed, 0 skipped",
                "examples/live-poll: 1 run, 0 failed, 0 skipped");
    }

    private ExternalCommand.Result summary() throws IOException, InterruptedException {
        return ExternalCommand.run(root, Duration.ofSeconds(30), "bash", SCRIPT.toString(), root.toString());
    }

    private void modules(String... names) throws IOException {
        StringBuilder pom = new StringBuilder("<project>\n  <modules>\n");
        for (String name : names) {
            pom.append("    <module>").append(name).append("</module>\n");
        }
        Files.writeString(root.resolve("pom.xml"), pom.append("  </modules>\n</project>\n"), StandardCharsets.UTF_8);
    }

    /** A project of its own inside a module, with tests, as the examples are. */
    private void project(String directory) throws IOException {
        Files.createDirectories(root.resolve(directory + "/src/test/java"));
        Files.writeString(root.resolve(directory + "/pom.xml"), "<project/>\n", StandardCharsets.UTF_8);
    }

    /** A report as surefire 3.5 writes it: the start tags on one line each, the first {@code skipped} tests skipped. */
    private void report(String module, String plugin, String testClass, int tests, int failures, int errors,
                        int skipped) throws IOException {
        Files.createDirectories(root.resolve(module + "/src/test/java"));
        Path dir = Files.createDirectories(root.resolve(module + "/target/" + plugin + "-reports"));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.0.2\" name=\"")
                .append(testClass).append("\" time=\"0.5\" tests=\"").append(tests).append("\" errors=\"")
                .append(errors).append("\" skipped=\"").append(skipped).append("\" failures=\"").append(failures)
                .append("\">\n  <properties>\n    <property name=\"tests\" value=\"7\"/>\n  </properties>\n");
        for (int i = 0; i < tests; i++) {
            xml.append("  <testcase name=\"test").append(i).append("\" classname=\"").append(testClass)
                    .append("\" time=\"0.1\"");
            xml.append(i < skipped ? ">\n    <skipped message=\"skipped: no nginx\"/>\n  </testcase>\n" : "/>\n");
        }
        Files.writeString(dir.resolve("TEST-" + testClass + ".xml"), xml.append("</testsuite>\n"),
                StandardCharsets.UTF_8);
    }
}
