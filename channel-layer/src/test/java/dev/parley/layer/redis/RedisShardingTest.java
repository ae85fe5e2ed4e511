package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.ReceivedMessages;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The layer spread over two Redis servers by name (client-side sharding): groups and queues land on both. */
class RedisShardingTest {

    private Vertx vertx;
    private RedisServerProcess first;
    private RedisServerProcess second;
    private final List<RedisChannelLayer> nodes = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        first = RedisServerProcess.start();
        second = RedisServerProcess.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RedisChannelLayer node : nodes) {
            node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.close();
        second.close();
    }

    @Test
    void groupsAreSpreadOverTheServersAndEveryGroupStillReachesEveryNode() {
        RedisLayerOptions options = RedisLayerOptions.forUrls(first.url() + "," + second.url())
                .withKeyPrefix(TestRedis.uniquePrefix("shards"));
        RedisChannelLayer a = node(options);
        RedisChannelLayer b = node(options);
        String onB = await(b.newChannel("ws"));
        ReceivedMessages atB = ReceivedMessages.from(b, onB);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            groups.add("room-" + i);
            await(b.groupAdd("room-" + i, onB));
        }

        for (String group : groups) {
            await(a.groupSend(group, new JsonObject().put("type", "test").put("group", group)));
        }

        assertThat(atB.next(20)).extracting(m -> m.getString("group")).containsExactlyInAnyOrderElementsOf(groups);
        assertThat(groupTopics(first)).as("group topics on the first server").isPositive();
        assertThat(groupTopics(second)).as("group topics on the second server").isPositive();
        assertThat(groupTopics(first) + groupTopics(second)).isEqualTo(20);
    }

    @Test
    void aWorkQueueLivesOnOneServerAndIsSharedByNodes() {
        RedisLayerOptions options = RedisLayerOptions.forUrls(first.url() + "," + second.url())
                .withKeyPrefix(TestRedis.uniquePrefix("shards"));
        RedisChannelLayer a = node(options);
        RedisChannelLayer b = node(options);
        ReceivedMessages worker = ReceivedMessages.from(b, "resize-images");

        for (int i = 0; i < 5; i++) {
            await(a.send("resize-images", new JsonObject().put("type", "job").put("n", i)));
        }

        assertThat(worker.next(5)).extracting(m -> m.getInteger("n")).containsExactly(0, 1, 2, 3, 4);
    }

    private RedisChannelLayer node(RedisLayerOptions options) {
        RedisChannelLayer node = await(RedisChannelLayer.connect(vertx, options));
        nodes.add(node);
        return node;
    }

    private static long groupTopics(RedisServerProcess server) {
        RedisClient client = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pubsubChannels("*:group:*").size();
        } finally {
            client.shutdown();
        }
    }
}
