package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.ReceivedMessages;
import dev.parley.layer.testing.RedisClusterProcess;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat on a Redis Cluster resumes by itself when the room's slot moves to another master, when its master is
 * killed and a replica promoted, and when its master restarts: each test changes a cluster of its own under two
 * nodes and sends until a message crosses again.
 */
class RedisClusterFailoverTest {

    /** How long chat may take to resume: the cluster's failover (node timeout) plus topology refresh. */
    private static final Duration RESUMES_WITHIN = Duration.ofSeconds(30);
    private static final String ROOM = "room";

    private Vertx vertx;
    private RedisClusterProcess cluster;
    private RedisChannelLayer sender;
    private RedisChannelLayer receiver;
    private ReceivedMessages received;
    private String prefix;
    private int slot;
    private int sent;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        cluster = RedisClusterProcess.start();
        RedisLayerOptions options = RedisLayerOptions.forUrls(cluster.urls())
                .withKeyPrefix(TestRedis.uniquePrefix("failover")).withProbeInterval(Duration.ofSeconds(1));
        sender = await(RedisChannelLayer.connect(vertx, options));
        receiver = await(RedisChannelLayer.connect(vertx, options));
        String member = await(receiver.newChannel("ws"));
        received = ReceivedMessages.from(receiver, member);
        await(receiver.groupAdd(ROOM, member));
        prefix = options.keyPrefix();
        slot = RedisClusterProcess.slotOf(topic());
        assertThat(crosses()).as("a message crosses before anything happens").isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        for (RedisChannelLayer node : List.of(sender, receiver)) {
            node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        cluster.close();
    }

    @Test
    void chatResumesAfterTheRoomsSlotMovesToAnotherMaster() {
        RedisServerProcess before = cluster.masterOf(slot);
        RedisServerProcess target = cluster.masters().stream().filter(m -> m != before).findFirst().orElseThrow();

        long changed = System.nanoTime();
        cluster.migrateSlot(slot, target);

        System.out.println("[cluster] slot migration: chat resumed " + resumeSince(changed).toMillis()
                + " ms after the migration began");
        assertThat(cluster.shardChannels(target, "*")).as("the room's topic, subscribed on the new master")
                .contains(topic());
        assertThat(cluster.shardChannels(before, "*")).doesNotContain(topic());
    }

    @Test
    void chatResumesAfterTheRoomsMasterIsKilledAndItsReplicaPromoted() {
        RedisServerProcess killed = cluster.masterOf(slot);
        killed.kill();
        long changed = System.nanoTime();
        cluster.awaitTakeOver(slot, killed);
        long failedOver = System.nanoTime();

        System.out.println("[cluster] master killed: replica promoted and cluster ok after "
                + (failedOver - changed) / 1_000_000 + " ms; chat resumed " + resumeSince(changed).toMillis()
                + " ms after the kill");
        assertThat(cluster.masterOf(slot)).isNotSameAs(killed);
        assertThat(cluster.shardChannels(cluster.masterOf(slot), "*")).as("subscribed on the promoted replica")
                .contains(topic());
    }

    @Test
    void chatResumesAfterTheRoomsMasterRestarts() {
        RedisServerProcess master = cluster.masterOf(slot);

        long changed = System.nanoTime();
        cluster.restart(master);

        System.out.println("[cluster] master restarted: chat resumed " + resumeSince(changed).toMillis()
                + " ms after the restart began");
    }

    /**
     * Sends until a message crosses from the sender to the receiver; fails if none does in time. Returns the time
     * from {@code changed} (a nanoTime) to the first message that crossed.
     */
    private Duration resumeSince(long changed) {
        while (System.nanoTime() - changed < RESUMES_WITHIN.toNanos()) {
            if (crosses()) {
                return Duration.ofNanos(System.nanoTime() - changed);
            }
        }
        throw new AssertionError("no group message crossed within " + RESUMES_WITHIN.toSeconds() + " s after the change");
    }

    /** Sends one message (a refused send counts as not crossing) and waits a moment for it. */
    private boolean crosses() {
        int n = ++sent;
        try {
            sender.groupSend(ROOM, new JsonObject().put("type", "chat").put("n", n))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            pause();
            return false;
        }
        // Older messages may still arrive: wait for this one.
        long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < deadline) {
            var message = received.within(Duration.ofMillis(100));
            if (message.isPresent() && message.get().getInteger("n") == n) {
                return true;
            }
        }
        return false;
    }

    private String topic() {
        return prefix + ":group:{" + ROOM + "}";
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
