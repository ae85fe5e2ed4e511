package dev.parley.gateway;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.worker.Worker;
import dev.parley.gateway.worker.WorkerProcess;
import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Worker processes in this JVM on a real Redis layer, fed by a layer of the test's own, as a gateway would. */
class WorkerProcessTest {

    private static final Map<String, Supplier<Worker>> SQUARES = Map.of(SquareWorker.CHANNEL, SquareWorker::new);

    private static String redisUrl;
    private Vertx vertx;
    private GatewayConfig config;
    private JobResults jobs;

    @BeforeAll
    static void redis() {
        redisUrl = TestRedis.url();
    }

    @BeforeEach
    void connect(TestInfo test) {
        vertx = Vertx.vertx();
        String prefix = TestRedis.uniquePrefix(test.getTestMethod().orElseThrow().getName());
        config = GatewayConfig.defaults().withRedis(redisUrl, prefix);
        jobs = JobResults.connect(vertx, redisUrl, prefix);
    }

    @AfterEach
    void close() throws Exception {
        jobs.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void doesTheJobsSentBeforeItStarted() {
        jobs.squares(3, Duration.ZERO);

        WorkerProcess worker = await(WorkerProcess.start(vertx, config, SQUARES));

        assertThat(jobs.awaitResults(3)).containsExactly(1L, 4L, 9L);
        assertThat(worker.channels()).containsExactly(SquareWorker.CHANNEL);
        assertThat(worker.layerDescription()).contains("Redis at");
        Eventually.await(() -> worker.counts().done() == 3, "three jobs counted as done");
        await(worker.stop());
    }

    @Test
    void twoProcessesOnOneChannelSplitTheJobsAndDoEachOnce() {
        WorkerProcess first = await(WorkerProcess.start(vertx, config, SQUARES));
        WorkerProcess second = await(WorkerProcess.start(vertx, config, SQUARES));

        jobs.squares(40, Duration.ofMillis(20));

        List<Long> results = jobs.awaitResults(40);
        assertThat(results).as("each square once")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).map(n -> n * n).boxed().toList());
        Eventually.await(() -> first.counts().done() + second.counts().done() == 40, "40 jobs counted");
        assertThat(first.counts().done()).as("jobs done by the first process").isPositive();
        assertThat(second.counts().done()).as("jobs done by the second process").isPositive();
        await(first.stop());
        await(second.stop());
        assertThat(jobs.received()).as("no job done twice").hasSize(40);
    }

    @Test
    void skipsUnknownTypesAndGoesOnAfterAFailedJob() {
        WorkerProcess worker = await(WorkerProcess.start(vertx, config, SQUARES));

        jobs.send(new JsonObject().put("type", "job.unheard_of"));
        jobs.send(new JsonObject().put("type", "job.fail"));
        jobs.send(new JsonObject().put("type", "job.square").put("n", 7));

        assertThat(jobs.awaitResults(1)).containsExactly(49L);
        Eventually.await(() -> worker.counts().equals(new WorkerProcess.Counts(1, 1, 1)),
                "one job done, one failed, one skipped (counts: " + worker.counts() + ")");
        await(worker.stop());
    }

    @Test
    void aHandlerThatThrowsCountsAsAFailedJob() {
        Map<String, Supplier<Worker>> throwing = Map.of(SquareWorker.CHANNEL, () -> () -> Map.of("job.square",
                (message, context) -> {
                    throw new IllegalStateException("thrown, not a failed Future");
                }));
        WorkerProcess worker = await(WorkerProcess.start(vertx, config, throwing));

        jobs.send(new JsonObject().put("type", "job.square").put("n", 2));
        jobs.send(new JsonObject().put("type", "job.square").put("n", 3));

        Eventually.await(() -> worker.counts().failed() == 2, "both jobs counted as failed");
        await(worker.stop());
    }

    @Test
    void jobsSentWhileStoppedWaitForTheNextWorker() {
        WorkerProcess worker = await(WorkerProcess.start(vertx, config, SQUARES));
        await(worker.stop());

        jobs.squares(2, Duration.ZERO);
        assertThat(jobs.received()).isEmpty();

        WorkerProcess next = await(WorkerProcess.start(vertx, config, SQUARES));
        assertThat(jobs.awaitResults(2)).containsExactly(1L, 4L);
        await(next.stop());
    }

    @Test
    void stopTwiceIsStopOnce() {
        WorkerProcess worker = await(WorkerProcess.start(vertx, config, SQUARES));
        Future<Void> stopping = worker.stop();
        assertThat(worker.stop()).isSameAs(stopping);
        await(stopping);
    }
}
