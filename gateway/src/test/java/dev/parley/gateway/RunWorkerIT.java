package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code runworker} as people run it: a JVM of its own (an application registering {@link SquareWorker}, or the
 * gateway jar), fed jobs through Redis by this test, stopped with SIGTERM.
 */
class RunWorkerIT {

    @Test
    void doesTheJobsSentThroughRedisAndExitsZeroOnSigterm() throws Exception {
        String redisUrl = TestRedis.url();
        String prefix = TestRedis.uniquePrefix("runworker");
        Vertx vertx = Vertx.vertx();
        try (JobResults jobs = JobResults.connect(vertx, redisUrl, prefix)) {
            jobs.squares(2, Duration.ZERO); // before the worker runs: kept in Redis for it
            try (WorkerJvm worker = WorkerJvm.start(SquareWorker.class,
                    Map.of("CHAT_REDIS_URL", redisUrl, "CHAT_REDIS_KEY_PREFIX", prefix),
                    "runworker", SquareWorker.CHANNEL)) {
                worker.awaitOutput("Worker running on channel(s) [jobs]");

                jobs.squares(4, Duration.ZERO);

                assertThat(jobs.awaitResults(4 + 2)).containsExactly(1L, 4L, 1L, 4L, 9L, 16L);
                assertThat(worker.stop()).as("exit status after SIGTERM; it printed:\n" + worker.printed()).isZero();
                assertThat(worker.printed()).contains("Stopping: finishing the jobs in hand")
                        .contains("Worker stopped: 6 job(s) done, 0 failed, 0 skipped on [jobs]");
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnknownChannelExitsTwoNamingTheRegisteredOnes() throws Exception {
        try (WorkerJvm command = WorkerJvm.start(SquareWorker.class,
                Map.of("CHAT_REDIS_URL", "redis://127.0.0.1:6379"), "runworker", "jobs", "mail")) {
            assertThat(command.awaitExit()).as(command.printed()).isEqualTo(2);
            assertThat(command.printed())
                    .contains("parley: runworker: no worker is registered for channel 'mail' (registered: jobs)");
        }
    }

    @Test
    void aProcessLocalChannelExitsTwo() throws Exception {
        try (WorkerJvm command = WorkerJvm.start(SquareWorker.class,
                Map.of("CHAT_REDIS_URL", "redis://127.0.0.1:6379"), "runworker", "jobs!x")) {
            assertThat(command.awaitExit()).as(command.printed()).isEqualTo(2);
            assertThat(command.printed()).contains("parley: runworker: 'jobs!x' is a process-local channel");
        }
    }

    @Test
    void withoutRedisItExitsTwoSayingWhy() throws Exception {
        try (WorkerJvm command = WorkerJvm.start(SquareWorker.class, Map.of(), "runworker", SquareWorker.CHANNEL)) {
            assertThat(command.awaitExit()).as(command.printed()).isEqualTo(2);
            assertThat(command.printed()).contains("parley: runworker: workers need CHAT_REDIS_URL");
        }
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
}
