package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;

import dev.parley.layer.Presence;
import dev.parley.layer.PresenceContract;
import dev.parley.layer.testing.RedisClusterProcess;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The presence contract on a Redis Cluster: each room's hash is one key, so each script one slot. */
class RedisClusterPresenceTest extends PresenceContract {

    private final List<RedisChannelLayer> layers = new ArrayList<>();

    @Override
    protected Presence createPresence(Vertx vertx) {
        RedisChannelLayer layer = await(RedisChannelLayer.connect(vertx,
                RedisLayerOptions.forUrls(RedisClusterProcess.shared().url())
                        .withKeyPrefix(TestRedis.uniquePrefix("cpresence"))));
        layers.add(layer);
        return layer.presence(Duration.ofSeconds(20));
    }

    @AfterEach
    void closeLayers() {
        layers.forEach(layer -> layer.close().toCompletionStage().toCompletableFuture().join());
    }
}
