package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;
import static dev.parley.layer.Await.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.ReceivedMessages;
import dev.parley.layer.testing.RedisClusterProcess;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is particular to a Redis Cluster: how it is detected, what a group send costs, and who receives it. */
class RedisClusterTest {

    /** A probe interval long enough that probes never fall inside a command count. */
    private static final Duration QUIET = Duration.ofHours(1);
    /** Commands Lettuce sends on its own to follow the topology, and replicas their acks: not part of any send. */
    private static final List<String> HOUSEKEEPING = List.of("cluster", "cluster|nodes", "cluster|info",
            "cluster|myid", "info", "client", "client|list", "client|setinfo", "client|setname", "ping", "hello",
            "config|resetstat", "command", "pubsub|shardnumsub", "replconf");

    private Vertx vertx;
    private final List<RedisChannelLayer> nodes = new ArrayList<>();

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
    }

    @Test
    void aNodeOfAClusterIsDetectedAndTheWholeClusterUsed() {
        RedisClusterProcess cluster = RedisClusterProcess.shared();

        assertThat(node(RedisLayerOptions.forUrls(cluster.url())).mode()).isEqualTo("Redis Cluster with 3 masters");
        assertThat(node(RedisLayerOptions.forUrls(cluster.urls())).mode()).isEqualTo("Redis Cluster with 3 masters");
    }

    @Test
    void standaloneServersAreNotTakenForACluster() {
        assertThat(node(RedisLayerOptions.forUrls(TestRedis.url())).mode()).isEqualTo("standalone Redis");
    }

    @Test
    void clusterNodesMixedWithAStandaloneServerAreRefusedAtStart() {
        String mixed = RedisClusterProcess.shared().url() + "," + TestRedis.url();

        Throwable refused = failureOf(RedisChannelLayer.connect(vertx, RedisLayerOptions.forUrls(mixed)));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mix nodes of a Redis Cluster (127.0.0.1:")
                .hasMessageContaining("with standalone servers (" + TestRedis.url().replace("redis://", ""));
    }

    @Test
    void aGroupSendIsOneCommandAndReachesOnlyTheNodesWithMembers() {
        RedisClusterProcess cluster = RedisClusterProcess.shared();
        RedisLayerOptions options = RedisLayerOptions.forUrls(cluster.url())
                .withKeyPrefix(TestRedis.uniquePrefix("ccount")).withProbeInterval(QUIET);
        RedisChannelLayer sender = node(options);
        RedisChannelLayer member = node(options);
        RedisChannelLayer bystander = node(options);
        String onMember = await(member.newChannel("ws"));
        ReceivedMessages atMember = ReceivedMessages.from(member, onMember);
        await(member.groupAdd("room", onMember));
        String onBystander = await(bystander.newChannel("ws"));
        ReceivedMessages atBystander = ReceivedMessages.from(bystander, onBystander);
        await(bystander.groupAdd("elsewhere", onBystander));
        // The first send loads the script (NOSCRIPT, then EVAL) on the group's master; later ones run it by hash.
        await(sender.groupSend("room", new JsonObject().put("type", "chat").put("n", -1)));
        assertThat(atMember.next().getInteger("n")).isEqualTo(-1);
        cluster.resetCommandCounts();

        for (int i = 0; i < 10; i++) {
            await(sender.groupSend("room", new JsonObject().put("type", "chat").put("n", i)));
        }

        assertThat(atMember.next(10)).extracting(m -> m.getInteger("n")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        atBystander.nothingWithin(Duration.ofMillis(300));
        Map<String, Long> counts = cluster.commandCounts();
        HOUSEKEEPING.forEach(counts::remove);
        // One EVALSHA per send is all the layer sends; commandstats also counts the commands its script runs:
        // TIME, ZREMRANGEBYSCORE (expired named members), SPUBLISH and ZRANGE (live named members).
        assertThat(counts).as("commands on all nodes for 10 group sends").containsOnly(
                Map.entry("evalsha", 10L), Map.entry("time", 10L), Map.entry("zremrangebyscore", 10L),
                Map.entry("spublish", 10L), Map.entry("zrange", 10L));
        String topic = options.keyPrefix() + ":group:{room}";
        RedisServerProcess master = cluster.masterOf(RedisClusterProcess.slotOf(topic));
        assertThat(shardSubscribers(master, topic)).as("nodes subscribed to the room's topic").isEqualTo(1);
        assertThat(sender.subscribedGroups()).isZero();
        assertThat(bystander.subscribedGroups()).isEqualTo(1);
    }

    @Test
    void aClusterAskingForAPasswordIsUsedWithTheOneInTheUrl() {
        try (RedisClusterProcess cluster = RedisClusterProcess.start("s3cret-pass")) {
            RedisLayerOptions options = RedisLayerOptions.forUrls(cluster.url())
                    .withKeyPrefix(TestRedis.uniquePrefix("cauth"));
            RedisChannelLayer sender = node(options);
            RedisChannelLayer member = node(options);
            String onMember = await(member.newChannel("ws"));
            ReceivedMessages atMember = ReceivedMessages.from(member, onMember);
            await(member.groupAdd("room", onMember));
            ReceivedMessages worker = ReceivedMessages.from(member, "jobs");

            await(sender.groupSend("room", new JsonObject().put("type", "chat").put("n", 1)));
            await(sender.send("jobs", new JsonObject().put("type", "job").put("n", 2)));

            assertThat(member.mode()).isEqualTo("Redis Cluster with 3 masters");
            assertThat(atMember.next().getInteger("n")).isEqualTo(1);
            assertThat(worker.next().getInteger("n")).isEqualTo(2);
            for (RedisChannelLayer node : List.copyOf(nodes)) {
                await(node.close());
            }
        }
    }

    @Test
    void aGroupsKeysAndTopicShareOneSlot() {
        RedisKeys keys = new RedisKeys("parley", true);

        assertThat(keys.groupTopic("room-7")).isEqualTo("parley:group:{room-7}");
        assertThat(RedisClusterProcess.slotOf(keys.namedMembers("room-7")))
                .isEqualTo(RedisClusterProcess.slotOf(keys.groupTopic("room-7")));
        assertThat(RedisClusterProcess.slotOf(keys.channelList("jobs")))
                .isEqualTo(RedisClusterProcess.slotOf(keys.wakeTopic("jobs")));
        assertThat(keys.parse(keys.groupTopic("room-7"))).isEqualTo(new RedisKeys.Topic(RedisKeys.TopicKind.GROUP, "room-7"));
        assertThat(keys.parse(keys.nodeTopic("nabc"))).isEqualTo(new RedisKeys.Topic(RedisKeys.TopicKind.NODE, "nabc"));
    }

    private RedisChannelLayer node(RedisLayerOptions options) {
        RedisChannelLayer node = await(RedisChannelLayer.connect(vertx, options));
        nodes.add(node);
        return node;
    }

    private static long shardSubscribers(RedisServerProcess node, String topic) {
        RedisClient client = RedisClient.create(node.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pubsubShardNumsub(topic).getOrDefault(topic, 0L);
        } finally {
            client.shutdown();
        }
    }
}
