package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runworker} as people run it: a JVM of its own (an application registering {@link SquareWorker}, or the
 * gateway jar), fed jobs through Redis by this test, stopped with SIGTERM.
 */
class RunWorkerIT {

    private final List<Process> started = new ArrayList<>();
    private Path output;

    @BeforeEach
    void outputFile() throws IOException {
        output = Files.createTempFile("parley-runworker", ".log");
    }

    @AfterEach
    void stopWhatStarted() throws Exception {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(output);
    }

    @Test
    void doesTheJobsSentThroughRedisAndExitsZeroOnSigterm() throws Exception {
        String redisUrl = TestRedis.url();
        String prefix = TestRedis.uniquePrefix("runworker");
        Vertx vertx = Vertx.vertx();
        try (JobResults jobs = JobResults.connect(vertx, redisUrl, prefix)) {
            jobs.squares(2, Duration.ZERO); // before the worker runs: kept in Redis for it
            Process worker = start(Map.of("CHAT_REDIS_URL", redisUrl, "CHAT_REDIS_KEY_PREFIX", prefix),
                    "runworker", SquareWorker.CHANNEL);
            awaitOutput(worker, "Worker running on channel(s) [jobs]");

            jobs.squares(4, Duration.ZERO);

            assertThat(jobs.awaitResults(4 + 2)).containsExactly(1L, 4L, 1L, 4L, 9L, 16L);
            worker.destroy(); // SIGTERM
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("the worker exits after SIGTERM").isTrue();
            assertThat(worker.exitValue()).as("exit status after SIGTERM; it printed:\n" + printed()).isZero();
            assertThat(printed()).contains("Stopping: finishing the jobs in hand")
                    .contains("Worker stopped: 6 job(s) done, 0 failed, 0 skipped on [jobs]");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnknownChannelExitsTwoNamingTheRegisteredOnes() throws Exception {
        int status = run(Map.of("CHAT_REDIS_URL", "redis://127.0.0.1:6379"), "runworker", "jobs", "mail");

        assertThat(status).as(printed()).isEqualTo(2);
        assertThat(printed())
                .contains("parley: runworker: no worker is registered for channel 'mail' (registered: jobs)");
    }

    @Test
    void aProcessLocalChannelExitsTwo() throws Exception {
        int status = run(Map.of("CHAT_REDIS_URL", "redis://127.0.0.1:6379"), "runworker", "jobs!x");

        assertThat(status).as(printed()).isEqualTo(2);
        assertThat(printed()).contains("parley: runworker: 'jobs!x' is a process-local channel");
    }

    @Test
    void withoutRedisItExitsTwoSayingWhy() throws Exception {
        int status = run(Map.of(), "runworker", SquareWorker.CHANNEL);

        assertThat(status).as(printed()).isEqualTo(2);
        assertThat(printed()).contains("parley: runworker: workers need CHAT_REDIS_URL");
    }

    @Test
    void theGatewayJarHasTheCommandButTheChatRegistersNoWorker() throws Exception {
        GatewayProcess.Ran ran = GatewayProcess.run(Map.of("CHAT_REDIS_URL", "redis://127.0.0.1:6379"),
                "runworker", "jobs");

        assertThat(ran.exitStatus()).as(ran.output()).isEqualTo(2);
        assertThat(ran.output()).contains("parley: runworker: no worker is registered for channel 'jobs' "
                + "(this application registers no worker)");
        assertThat(GatewayProcess.run(Map.of(), "--help").output()).contains("runworker CHANNEL [CHANNEL...]");
    }

    /** Starts {@link SquareWorker#main} in a JVM of its own, on this test's classpath, with only these settings. */
    private Process start(Map<String, String> settings, String... arguments) throws IOException {
        // The gateway's logback.xml, as in the jar: the test classpath also holds a logback-test.xml hiding INFO.
        URL logConfig = Objects.requireNonNull(RunWorkerIT.class.getClassLoader().getResource("logback.xml"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Dlogback.configurationFile=" + logConfig, "-cp", System.getProperty("java.class.path"),
                SquareWorker.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().putAll(settings);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Runs a command that ends by itself; returns its exit status. */
    private int run(Map<String, String> settings, String... arguments) throws Exception {
        Process process = start(settings, arguments);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended within 30 s; it printed:\n" + printed()).isTrue();
        return process.exitValue();
    }

    private void awaitOutput(Process process, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!printed().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not print '" + text + "'; it printed:\n" + printed());
            }
            Thread.sleep(20);
        }
    }

    private String printed() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + output + ": " + e + ")";
        }
    }
}
