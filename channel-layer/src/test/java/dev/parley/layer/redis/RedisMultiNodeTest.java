package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;
import static dev.parley.layer.Await.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.LayerConfig;
import dev.parley.layer.LayerUnavailable;
import dev.parley.layer.ReceivedMessages;
import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several nodes (layers with one key prefix) on one Redis: what one node sends, the others' channels receive. */
class RedisMultiNodeTest {

    /** A probe interval long enough that probes never fall inside a command count. */
    private static final Duration QUIET = Duration.ofHours(1);

    private Vertx vertx;
    private final List<RedisChannelLayer> nodes = new ArrayList<>();
    private final List<RedisServerProcess> servers = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        for (RedisChannelLayer node : nodes) {
            node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        servers.forEach(RedisServerProcess::close);
    }

    @Test
    void aGroupSendOnOneNodeReachesMembersOnEveryNode() {
        List<RedisChannelLayer> cluster = nodes(TestRedis.url(), 2);
        RedisChannelLayer a = cluster.get(0);
        RedisChannelLayer b = cluster.get(1);
        String onA = await(a.newChannel("ws"));
        String onB = await(b.newChannel("ws"));
        ReceivedMessages atA = ReceivedMessages.from(a, onA);
        ReceivedMessages atB = ReceivedMessages.from(b, onB);
        await(a.groupAdd("room", onA));
        await(b.groupAdd("room", onB));

        await(a.groupSend("room", message("hello")));

        assertThat(atA.next().getString("text")).isEqualTo("hello");
        assertThat(atB.next().getString("text")).isEqualTo("hello");
        atA.nothingWithin(Duration.ofMillis(200));
        atB.nothingWithin(Duration.ofMillis(200));
    }

    @Test
    void aNodeListensOnlyToGroupsWithLocalMembers() {
        List<RedisChannelLayer> cluster = nodes(TestRedis.url(), 2);
        String onA = await(cluster.get(0).newChannel("ws"));
        await(cluster.get(0).groupAdd("only-a", onA));

        assertThat(cluster.get(0).subscribedGroups()).isEqualTo(1);
        assertThat(cluster.get(1).subscribedGroups()).isZero();
    }

    @Test
    void sendsAndMembershipChangesReachProcessLocalChannelsOnOtherNodes() {
        List<RedisChannelLayer> cluster = nodes(TestRedis.url(), 2);
        RedisChannelLayer a = cluster.get(0);
        RedisChannelLayer b = cluster.get(1);
        String onB = await(b.newChannel("ws"));
        ReceivedMessages atB = ReceivedMessages.from(b, onB);

        await(a.send(onB, message("direct")));
        assertThat(atB.next().getString("text")).isEqualTo("direct");

        await(a.groupAdd("added-from-a", onB));
        Eventually.await(() -> b.subscribedGroups() == 1, "node b to listen to the group it was told about");
        await(a.groupSend("added-from-a", message("via group")));
        assertThat(atB.next().getString("text")).isEqualTo("via group");
    }

    @Test
    void aNamedChannelIsAWorkQueueSharedByEveryNode() {
        List<RedisChannelLayer> cluster = nodes(TestRedis.url(), 2);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new ArrayList<>();
        for (RedisChannelLayer node : cluster) {
            await(node.receive("thumbnails", m -> {
                if (!seen.add(m.getString("text"))) {
                    synchronized (duplicates) {
                        duplicates.add(m.getString("text"));
                    }
                }
                return Future.succeededFuture();
            }));
        }

        for (int i = 0; i < 60; i++) {
            await(cluster.get(i % 2).send("thumbnails", message("job-" + i)));
        }

        Eventually.await(() -> seen.size() == 60, "all 60 jobs to be taken");
        assertThat(duplicates).isEmpty();
    }

    @Test
    void aGroupSendCostsTheSameRedisCommandsForAThousandMembersAsForTen() {
        RedisServerProcess redis = ownRedis();
        List<RedisChannelLayer> cluster = nodes(redis.url(), 2, QUIET);
        joinMembers(cluster, "small", 10);
        joinMembers(cluster, "large", 1_000);
        await(cluster.get(0).groupSend("small", message("warm-up"))); // the first send also loads the script

        try (CommandCounter counter = new CommandCounter(redis.url())) {
            long forTen = counter.commandsDuring(() -> await(cluster.get(0).groupSend("small", message("x"))));
            long forThousand = counter.commandsDuring(() -> await(cluster.get(0).groupSend("large", message("x"))));

            assertThat(forThousand).as("Redis commands for 1 000 members over 2 nodes").isEqualTo(forTen);
            // One EVALSHA, which runs TIME, ZREMRANGEBYSCORE, PUBLISH and ZRANGE: commandstats counts all five.
            assertThat(forTen).as("commands for one group send").isEqualTo(5);
        }
    }

    @Test
    void joinLeaveChurnDoesNotFloodRedisAndIdleGroupsAreReleased() {
        RedisServerProcess redis = ownRedis();
        RedisChannelLayer node = nodes(redis.url(), 1, QUIET).get(0);
        String channel = await(node.newChannel("ws"));

        try (CommandCounter counter = new CommandCounter(redis.url())) {
            long commands = counter.commandsDuring(() -> {
                for (int i = 0; i < 50; i++) {
                    await(node.groupAdd("busy", channel));
                    await(node.groupDiscard("busy", channel));
                }
            });
            assertThat(commands).as("Redis commands for 50 joins and leaves").isLessThanOrEqualTo(2);
        }
        Eventually.await(() -> node.subscribedGroups() == 0, "the idle group to be released after the delay");
    }

    @Test
    void chatResumesByItselfAfterRedisRestarts() {
        RedisServerProcess redis = ownRedis();
        List<RedisChannelLayer> cluster = nodes(redis.url(), 2);
        RedisChannelLayer a = cluster.get(0);
        RedisChannelLayer b = cluster.get(1);
        String onB = await(b.newChannel("ws"));
        ReceivedMessages atB = ReceivedMessages.from(b, onB);
        await(b.groupAdd("room", onB));
        await(a.groupSend("room", message("before")));
        assertThat(atB.next().getString("text")).isEqualTo("before");

        redis.stop();
        assertThat(failureOf(a.groupSend("room", message("while down")))).isInstanceOf(LayerUnavailable.class);
        redis.restart();

        // Lettuce reconnects both nodes and restores b's subscription by itself. Pub/sub keeps nothing for a node
        // that is not yet listening, so keep chatting until b hears again.
        Set<String> heardAfter = ConcurrentHashMap.newKeySet();
        Eventually.await(() -> {
            a.groupSend("room", message("after")).onFailure(e -> { });
            atB.within(Duration.ofMillis(200))
                    .filter(m -> m.getString("text").equals("after"))
                    .ifPresent(m -> heardAfter.add("after"));
            return !heardAfter.isEmpty();
        }, "b to receive a group send from a after the restart");
        Eventually.await(() -> a.isHealthy() && b.isHealthy(), "both nodes to report healthy again");
    }

    private void joinMembers(List<RedisChannelLayer> cluster, String group, int members) {
        for (int i = 0; i < members; i++) {
            RedisChannelLayer node = cluster.get(i % cluster.size());
            await(node.groupAdd(group, await(node.newChannel("ws"))));
        }
    }

    private List<RedisChannelLayer> nodes(String url, int count) {
        return nodes(url, count, Duration.ofMillis(500));
    }

    private List<RedisChannelLayer> nodes(String url, int count, Duration probeInterval) {
        String prefix = TestRedis.uniquePrefix("nodes");
        RedisLayerOptions options = RedisLayerOptions.forUrls(url).withKeyPrefix(prefix)
                .withLayer(LayerConfig.defaults())
                .withUnsubscribeDelay(Duration.ofMillis(300))
                .withProbeInterval(probeInterval);
        List<RedisChannelLayer> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RedisChannelLayer node = await(RedisChannelLayer.connect(vertx, options));
            nodes.add(node);
            created.add(node);
        }
        return created;
    }

    private RedisServerProcess ownRedis() {
        RedisServerProcess redis = RedisServerProcess.start();
        servers.add(redis);
        return redis;
    }

    private static JsonObject message(String text) {
        return new JsonObject().put("type", "test.message").put("text", text);
    }


    /** Counts the commands a Redis server ran, from INFO commandstats, leaving out its own INFO and CONFIG calls. */
    private static final class CommandCounter implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        CommandCounter(String url) {
            client = RedisClient.create(url);
            connection = client.connect();
        }

        long commandsDuring(Runnable action) {
            connection.sync().configResetstat();
            action.run();
            long total = 0;
            for (String line : connection.sync().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:") && !line.startsWith("cmdstat_config")) {
                    String calls = line.substring(line.indexOf("calls=") + 6);
                    total += Long.parseLong(calls.substring(0, calls.indexOf(',')));
                }
            }
            return total;
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
