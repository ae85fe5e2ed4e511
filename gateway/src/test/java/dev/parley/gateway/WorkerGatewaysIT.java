package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.Connection;
import dev.parley.consumers.Consumer;
import dev.parley.gateway.worker.Worker;
import dev.parley.gateway.worker.WorkerHandler;
import dev.parley.layer.ChannelFull;
import dev.parley.layer.ChannelLayer.MessageHandler;
import dev.parley.layer.LayerConfig;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Background jobs as an app runs them: two gateways on one Redis, whose consumers send jobs to the named channel
 * {@value #JOBS} and pass on the results a worker (a JVM of its own, started with {@code runworker jobs}) sends to
 * the group {@value #RESULTS}. Each test starts or stops the worker as it needs, and leaves the channel empty.
 */
class WorkerGatewaysIT {

    static final String JOBS = "jobs";
    static final String RESULTS = "results";

    private static Map<String, String> redis;
    private static LocalGateway a;
    private static LocalGateway b;
    private static WorkerJvm worker;

    /** Sends each number a client sends as a job; passes on every job's result; says so when a job is refused. */
    private record JobsConsumer(Connection connection) implements Consumer {
        @Override
        public List<String> groups() {
            return List.of(RESULTS);
        }

        @Override
        public Future<Void> receiveText(String text) {
            long n = Long.parseLong(text);
            return connection.layer().send(JOBS, new JsonObject().put("type", "job.square").put("n", n))
                    .recover(refused -> connection.sendJson(new JsonObject().put("type", "error").put("n", n)
                            .put("error", refused.getClass().getSimpleName()).put("message", refused.getMessage())));
        }

        @Override
        public Map<String, MessageHandler> eventHandlers() {
            return Map.of("job.result", result -> connection.sendJson(result));
        }
    }

    private static final App JOBS_APP = (routes, services) -> routes.websocket("/ws/jobs/", JobsConsumer::new);

    /** The worker application: squares {@code n}, and sends {@code {type: job.result, n, square}} to the group. */
    static final class Squarer implements Worker {
        @Override
        public Map<String, WorkerHandler> eventHandlers() {
            return Map.of("job.square", (job, context) -> {
                long n = job.getLong("n");
                return context.layer().groupSend(RESULTS,
                        new JsonObject().put("type", "job.result").put("n", n).put("square", n * n));
            });
        }

        public static void main(String[] args) {
            ParleyServer.create().worker(JOBS, Squarer::new).run(args);
        }
    }

    @BeforeAll
    static void startTwoGateways() throws Exception {
        String url = TestRedis.url();
        String prefix = TestRedis.uniquePrefix("worker-gateways");
        redis = Map.of("CHAT_REDIS_URL", url, "CHAT_REDIS_KEY_PREFIX", prefix);
        // A client here sends more jobs at once than a person types: the frame rate limit is not what is tested.
        GatewayConfig config = GatewayConfig.defaults().withRedis(url, prefix)
                .withLimits(Limits.defaults().withoutRateLimits());
        a = LocalGateway.start(ParleyServer.create().app(JOBS_APP), config);
        b = LocalGateway.start(ParleyServer.create().app(JOBS_APP), config);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try (WorkerJvm stopWorker = worker; LocalGateway stopA = a; LocalGateway stopB = b) {
            // try-with-resources closes each, in reverse order, even if another fails; nulls are skipped.
        }
    }

    @Test
    void jobsSentBeforeTheWorkerStartsAreKeptAndEachIsDoneOnceWhenItStarts() throws Exception {
        stopWorker();
        WebSocketTestClient onA = connect(a);
        WebSocketTestClient onB = connect(b);

        for (int n = 1; n <= 5; n++) {
            onB.send(String.valueOf(n));
        }
        assertThat(onB.receiveJsonWithin(500)).as("no worker runs: no result, and no error either").isEmpty();

        startWorker();
        for (WebSocketTestClient client : List.of(onA, onB)) {
            assertThat(squaresIn(exactly(5, client))).containsExactly(1L, 4L, 9L, 16L, 25L);
        }
    }

    @Test
    void aJobSentOnOneGatewayGetsItsResultToClientsOnBoth() throws Exception {
        startWorker();
        WebSocketTestClient onA = connect(a);
        WebSocketTestClient onB = connect(b);

        onA.send("12");

        JsonObject result = new JsonObject().put("type", "job.result").put("n", 12).put("square", 144);
        assertThat(exactly(1, onA)).containsExactly(result);
        assertThat(exactly(1, onB)).containsExactly(result);
    }

    @Test
    void withNoWorkerAJobBeyondTheChannelsCapacityIsRefusedWithAnErrorAndTheOthersAreKept() throws Exception {
        stopWorker();
        WebSocketTestClient client = connect(a);
        int capacity = LayerConfig.DEFAULT_CAPACITY;

        for (int n = 1; n <= capacity + 5; n++) {
            client.send(String.valueOf(n));
        }

        List<JsonObject> errors = exactly(5, client);
        assertThat(errors).extracting(e -> e.getLong("n")).as("the jobs past the capacity, each refused once")
                .containsExactly(101L, 102L, 103L, 104L, 105L);
        assertThat(errors).allSatisfy(error -> {
            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("error")).isEqualTo(ChannelFull.class.getSimpleName());
            assertThat(error.getString("message")).contains("is full (" + capacity + " undelivered messages)");
        });

        startWorker();
        assertThat(squaresIn(exactly(capacity, client))).as("the jobs that were taken, each done once")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, capacity).map(n -> n * n).boxed().toList());
    }

    private static void startWorker() throws Exception {
        if (worker != null && worker.isAlive()) {
            return;
        }
        if (worker != null) {
            worker.close();
        }
        worker = WorkerJvm.start(Squarer.class, redis, "runworker", JOBS);
        worker.awaitOutput("Worker running on channel(s) [" + JOBS + "]");
    }

    private static void stopWorker() throws Exception {
        if (worker == null) {
            return;
        }
        if (worker.isAlive()) {
            assertThat(worker.stop()).as("exit status after SIGTERM; it printed:\n" + worker.printed()).isZero();
        }
        worker.close();
        worker = null;
    }

    private static WebSocketTestClient connect(LocalGateway gateway) {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/jobs/"));
    }

    /** The next {@code count} frames, and then none for half a second: what came more than once would show. */
    private static List<JsonObject> exactly(int count, WebSocketTestClient client) {
        List<JsonObject> frames = new ArrayList<>();
        while (frames.size() < count) {
            frames.add(client.receiveJson());
        }
        assertThat(client.receiveJsonWithin(500)).as("a frame after the %d expected: %s", count, frames).isEmpty();
        return frames;
    }

    private static List<Long> squaresIn(List<JsonObject> results) {
        results.forEach(r -> assertThat(r.getString("type")).as("%s", r).isEqualTo("job.result"));
        results.forEach(r -> assertThat(r.getLong("square")).isEqualTo(r.getLong("n") * r.getLong("n")));
        return results.stream().map(r -> r.getLong("square")).toList();
    }
}
