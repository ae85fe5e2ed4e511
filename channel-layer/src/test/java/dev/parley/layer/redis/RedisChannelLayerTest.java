package dev.parley.layer.redis;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.ChannelLayerContract;
import dev.parley.layer.LayerConfig;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** The very same contract suite as the in-memory layer, against real Redis; each layer its own key prefix. */
class RedisChannelLayerTest extends ChannelLayerContract {

    @Override
    protected ChannelLayer createLayer(Vertx vertx, LayerConfig config) {
        RedisLayerOptions options = RedisLayerOptions.forUrls(TestRedis.url())
                .withKeyPrefix(TestRedis.uniquePrefix("contract"))
                .withLayer(config);
        try {
            return RedisChannelLayer.connect(vertx, options).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not connect the Redis layer: " + e, e);
        }
    }
}
