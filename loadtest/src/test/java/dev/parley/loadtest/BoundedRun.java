package dev.parley.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
                destroyWithDescendants(process.toHandle());
                throw new AssertionError(String.join(" ", command) + " did not end within " + bound.toSeconds()
                        + " s and was destroyed; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Kills the process and all it started, and waits until they are gone (a kill is only a request). */
    private static void destroyWithDescendants(ProcessHandle process) throws InterruptedException {
        // Listed first: once the parent is gone its children are no longer its descendants.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle each : all) {
            try {
                each.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("process " + each.pid() + " did not die when killed", e);
            }
        }
    }
}
