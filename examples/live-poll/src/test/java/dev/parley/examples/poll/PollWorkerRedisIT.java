package dev.parley.examples.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.gateway.GatewayConfig;
import dev.parley.gateway.worker.WorkerProcess;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.redis.RedisChannelLayer;
import dev.parley.layer.redis.RedisLayerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The worker as {@code runworker poll-votes} runs it (a {@link WorkerProcess}), on a real Redis layer, and voters
 * connected through a Redis layer of their own, as on a gateway: a vote goes through Redis to the worker, and the
 * results come back through Redis to every voter of the poll.
 */
class PollWorkerRedisIT {

    private static final Duration REDIS_TRIP = Duration.ofSeconds(5);

    private Vertx vertx;
    private ChannelLayer gatewayLayer;
    private WorkerProcess worker;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        String url = TestRedis.url();
        String prefix = TestRedis.uniquePrefix(test.getTestMethod().orElseThrow().getName());
        vertx = Vertx.vertx();
        gatewayLayer = await(RedisChannelLayer.connect(vertx, RedisLayerOptions.forUrls(url).withKeyPrefix(prefix)));
        worker = await(WorkerProcess.start(vertx, GatewayConfig.defaults().withRedis(url, prefix),
                Map.of(PollWorker.CHANNEL, () -> new PollWorker(Main.POLLS))));
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            await(worker.stop());
        }
        if (gatewayLayer != null) {
            await(gatewayLayer.close());
        }
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @Test
    void votesGoThroughRedisToTheWorkerAndResultsComeBackToEveryVoter() {
        WebsocketCommunicator ada = voter("ada");
        WebsocketCommunicator bo = voter("bo");
        assertThat(ada.receiveJson().getInteger("total")).as("the results on connecting").isZero();
        assertThat(bo.receiveJson().getInteger("total")).isZero();

        ada.sendJson(new JsonObject().put("vote", "pizza"));
        assertThat(counts(ada.receiveJson(REDIS_TRIP))).containsEntry("pizza", 1).containsEntry("salad", 0);
        assertThat(counts(bo.receiveJson(REDIS_TRIP))).containsEntry("pizza", 1).containsEntry("salad", 0);

        bo.sendJson(new JsonObject().put("vote", "salad"));
        assertThat(counts(ada.receiveJson(REDIS_TRIP))).containsEntry("pizza", 1).containsEntry("salad", 1);
        assertThat(counts(bo.receiveJson(REDIS_TRIP))).containsEntry("pizza", 1).containsEntry("salad", 1);

        ada.disconnect();
        bo.disconnect();
        assertThat(worker.counts()).isEqualTo(new WorkerProcess.Counts(2, 0, 0));
    }

    private WebsocketCommunicator voter(String name) {
        Scope scope = Scope.of("/ws/poll/lunch/", Map.of("poll", "lunch"), User.guest(name));
        WebsocketCommunicator voter = new WebsocketCommunicator(vertx, gatewayLayer,
                VoteConsumer.factory(Main.POLLS, new PollBoard(Main.POLLS)), scope);
        assertThat(voter.connect(REDIS_TRIP).accepted()).isTrue();
        return voter;
    }

    private static Map<String, Object> counts(JsonObject results) {
        return results.getJsonObject("counts").getMap();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
