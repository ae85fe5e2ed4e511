package dev.parley.gateway;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A worker application run as people run it (or refusing to start): {@code main} of a test class in a JVM of its
 * own, on this test's classpath, with only the given {@code CHAT_*} settings and the gateway's logging, its output
 * kept in a file.
 * {@link #close} kills it if it still runs, so a test can close it in a {@code finally} whatever happened.
 */
final class WorkerJvm implements AutoCloseable {

    private final Process process;
    private final Path output;

    private WorkerJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code mainClass} with these arguments (such as {@code runworker jobs}) and settings. */
    static WorkerJvm start(Class<?> mainClass, Map<String, String> settings, String... arguments) throws IOException {
        // The gateway's logback.xml, as in the jar: the test classpath also holds a logback-test.xml hiding INFO.
        URL logConfig = Objects.requireNonNull(WorkerJvm.class.getClassLoader().getResource("logback.xml"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dlogback.configurationFile=" + logConfig,
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("parley-worker", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().putAll(settings);
        return new WorkerJvm(builder.start(), output);
    }

    /** Waits until it has printed {@code text}; fails, showing what it printed, if it exits or 30 s pass first. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!printed().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not print '" + text + "'; it printed:\n" + printed());
            }
            Thread.sleep(20);
        }
    }

    /** Stops it with SIGTERM, as a supervisor would, and returns its exit status; fails if it outlives 30 s. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the worker did not exit within 30 s of SIGTERM; it printed:\n" + printed());
        }
        return process.exitValue();
    }

    /** Waits for a command that ends by itself (a refusal, say); returns its exit status; fails after 30 s. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the command did not end within 30 s; it printed:\n" + printed());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String printed() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + output + ": " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
