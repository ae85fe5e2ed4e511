package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.Presence;
import dev.parley.layer.PresenceContract;
import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The presence contract on Redis, then what only several nodes show: shared rooms and dead nodes. */
class RedisPresenceTest extends PresenceContract {

    private final List<RedisChannelLayer> layers = new ArrayList<>();
    private String prefix;

    @Override
    protected Presence createPresence(Vertx vertx) {
        if (prefix == null) {
            prefix = TestRedis.uniquePrefix("presence");
        }
        return node(vertx, Duration.ofSeconds(20)).presence(Duration.ofSeconds(20));
    }

    @AfterEach
    void closeLayers() {
        layers.forEach(layer -> layer.close().toCompletionStage().toCompletableFuture().join());
    }

    @Test
    void usersOnEveryNodeAreInTheRoomOnce() {
        Presence a = node(vertx, Duration.ofSeconds(20)).presence(Duration.ofSeconds(20));
        Presence b = node(vertx, Duration.ofSeconds(20)).presence(Duration.ofSeconds(20));

        assertThat(await(a.enter("lobby", "alice"))).isTrue();
        assertThat(await(b.enter("lobby", "bob"))).isTrue();
        assertThat(await(b.enter("lobby", "alice"))).as("alice's second tab, on another node").isFalse();

        assertThat(await(a.users("lobby"))).containsExactly("alice", "bob");
        assertThat(await(b.users("lobby"))).containsExactly("alice", "bob");

        assertThat(await(a.leave("lobby", "alice"))).as("alice still has a tab on b").isFalse();
        assertThat(await(b.leave("lobby", "alice"))).isTrue();
        assertThat(await(a.users("lobby"))).containsExactly("bob");
        await(a.close());
        await(b.close());
    }

    @Test
    void closingANodeForgetsItsUsersForEveryOtherNode() {
        Presence closing = node(vertx, Duration.ofSeconds(20)).presence(Duration.ofSeconds(20));
        await(closing.enter("lobby", "alice"));
        assertThat(await(presence.users("lobby"))).as("seen from another node before the close").containsExactly("alice");

        await(closing.close());

        assertThat(await(presence.users("lobby"))).as("seen from another node after the close").isEmpty();
    }

    @Test
    void theUsersOfADeadNodeVanishWithinTheTtlAndAreReportedOnce() {
        Duration ttl = Duration.ofMillis(1200);
        RedisChannelLayer survivorLayer = node(vertx, ttl);
        RedisChannelLayer doomedLayer = node(vertx, ttl);
        Presence survivor = survivorLayer.presence(ttl);
        Presence doomed = doomedLayer.presence(ttl);
        List<String> vanished = new CopyOnWriteArrayList<>();
        survivor.onVanished((room, user) -> vanished.add(room + "/" + user));
        await(survivor.enter("lobby", "carol"));
        await(doomed.enter("lobby", "bob"));
        await(doomed.enter("lobby", "dave"));

        // The node dies: its connections to Redis go, nobody says goodbye.
        await(doomedLayer.close());

        Eventually.await(() -> vanished.size() == 2, "bob and dave to be reported vanished (so far " + vanished + ")");
        assertThat(vanished).containsExactlyInAnyOrder("lobby/bob", "lobby/dave");
        assertThat(await(survivor.users("lobby"))).containsExactly("carol");
        await(doomed.close());
        await(survivor.close());
    }

    private RedisChannelLayer node(Vertx vertx, Duration probe) {
        RedisLayerOptions options = RedisLayerOptions.forUrls(TestRedis.url()).withKeyPrefix(prefix == null
                ? (prefix = TestRedis.uniquePrefix("presence")) : prefix).withProbeInterval(probe);
        RedisChannelLayer layer = await(RedisChannelLayer.connect(vertx, options));
        layers.add(layer);
        return layer;
    }

}
