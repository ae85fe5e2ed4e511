package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A command that hangs costs the build its bound, not forever, and leaves no process behind. */
class BoundedRunTest {

    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @Test
    void aCommandThatEndsGivesItsExitCodeAndEverythingItPrinted() throws Exception {
        BoundedRun.Ran ran = BoundedRun.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(20));

        assertThat(ran.exitCode()).isEqualTo(3);
        assertThat(ran.lines()).containsExactlyInAnyOrder("out", "err");
    }

    @Test
    void aHungCommandFailsWithinItsBoundWithWhatItPrintedAndIsDestroyedWithItsChildren() {
        // The shell starts a child that would outlive it, says both process ids, then waits for ever.
        List<String> command = List.of("sh", "-c", "sleep 600 & echo started pid $$; echo child pid $!; wait");
        long started = System.nanoTime();

        Throwable failure = catchThrowable(() -> BoundedRun.run(command, Duration.ofSeconds(2)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("did not end within 2 s")
                .hasMessageContaining("started pid").hasMessageContaining("child pid");
        Matcher pids = PID.matcher(failure.getMessage());
        int found = 0;
        while (pids.find()) {
            found++;
            long pid = Long.parseLong(pids.group(1));
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty();
        }
        assertThat(found).as("process ids in the failure").isEqualTo(2);
    }
}
