package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;
import static dev.parley.layer.Await.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.LayerConfig;
import dev.parley.layer.LayerUnavailable;
import dev.parley.layer.ReceivedMessages;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the chat relies on while Redis is away (docs/channel-layer.md, "When Redis goes away"): a group send that fails
 * with {@link LayerUnavailable} has still reached the sending node's own members, and a send to a process-local
 * channel of the node itself needs no Redis.
 */
class RedisOutageDeliveryTest {

    private Vertx vertx;
    private RedisServerProcess redis;
    private RedisChannelLayer node;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        redis = RedisServerProcess.start();
        // Set-up, not the subject: a JVM's first Lettuce connection builds its thread pools, seconds on a busy machine.
        node = RedisChannelLayer.connect(vertx, RedisLayerOptions.forUrls(redis.url())
                .withKeyPrefix(TestRedis.uniquePrefix("outage")).withLayer(LayerConfig.defaults())
                .withProbeInterval(Duration.ofMillis(500))).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    @Test
    void aGroupSendThatFailsUnavailableHasReachedTheNodesOwnMembers() {
        String member = await(node.newChannel("ws"));
        ReceivedMessages received = ReceivedMessages.from(node, member);
        await(node.groupAdd("room", member));

        redis.stop();
        assertThat(failureOf(node.groupSend("room", message("while down")))).isInstanceOf(LayerUnavailable.class);
        assertThat(received.next().getString("text")).isEqualTo("while down");
    }

    @Test
    void aSendToAChannelOfTheNodeItselfNeedsNoRedis() {
        String member = await(node.newChannel("ws"));
        ReceivedMessages received = ReceivedMessages.from(node, member);

        redis.stop();
        await(node.send(member, message("direct")));
        assertThat(received.next().getString("text")).isEqualTo("direct");
    }

    private static JsonObject message(String text) {
        return new JsonObject().put("type", "test.message").put("text", text);
    }
}
