package dev.parley.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end within a bound, its output kept in a file rather than read from a pipe: a command that
 * hangs is destroyed, with every process it started, and fails the test with what it printed so far.
 */
final class BoundedRun {

    private BoundedRun() {
    }

    /** How a command ended: its exit code and everything it printed (stdout and stderr together). */
    record Ran(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** Runs {@code command}; fails the test if it has not ended within {@code bound}. */
    static Ran run(List<String> command, Duration bound) throws IOException, InterruptedException {
        Path output = Files.createTempFile("parley-run", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                // Children first: once the parent is gone they are no longer its descendants.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not end within " + bound.toSeconds()
                        + " s and was destroyed; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
