package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.gateway.worker.RunWorkerCommand;
import dev.parley.gateway.worker.Worker;
import dev.parley.gateway.worker.WorkerProcess;
import dev.parley.gateway.worker.Workers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a worker process refuses before it opens anything, so it needs no Redis. */
class WorkerRefusalTest {

    private final Vertx vertx = Vertx.vertx();
    private final Workers workers = new Workers().register(SquareWorker.CHANNEL, SquareWorker::new);

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void refusesTheInMemoryLayer() {
        Throwable refused = failure(WorkerProcess.start(vertx, GatewayConfig.defaults(), workers.asMap()));

        assertThat(refused).isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_REDIS_URL")
                .hasMessageContaining("in-memory");
    }

    @Test
    void refusesProcessLocalChannels() {
        Map<String, Supplier<Worker>> local = Map.of("jobs!abc", SquareWorker::new);
        GatewayConfig redis = GatewayConfig.defaults().withRedis("redis://127.0.0.1:1", "unused");

        Throwable refused = failure(WorkerProcess.start(vertx, redis, local));

        assertThat(refused).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'jobs!abc' is a process-local channel");
        assertThatThrownBy(() -> new Workers().register("jobs!abc", SquareWorker::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without '!'");
    }

    @Test
    void theCommandNamesTheUnknownChannelAndTheRegisteredOnes() {
        assertThatThrownBy(() -> RunWorkerCommand.select(List.of("jobs", "mail"), workers))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no worker is registered for channel 'mail' (registered: jobs)");
        assertThatThrownBy(() -> RunWorkerCommand.select(List.of("jobs"), new Workers()))
                .hasMessageContaining("this application registers no worker");
        assertThatThrownBy(() -> RunWorkerCommand.select(List.of(), workers))
                .hasMessageContaining("runworker CHANNEL [CHANNEL...]");
        assertThatThrownBy(() -> RunWorkerCommand.select(List.of("jobs!x"), workers))
                .hasMessageContaining("process-local");
        assertThat(RunWorkerCommand.select(List.of("jobs"), workers)).containsOnlyKeys("jobs");
    }

    @Test
    void registeringAChannelTwiceIsAMistake() {
        assertThatThrownBy(() -> workers.register(SquareWorker.CHANNEL, SquareWorker::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    }

    private static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure, but it started");
    }
}
