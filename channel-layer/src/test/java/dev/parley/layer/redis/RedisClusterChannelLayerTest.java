package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.ChannelLayerContract;
import dev.parley.layer.LayerConfig;
import dev.parley.layer.testing.RedisClusterProcess;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;

/** The very same contract suite as the in-memory and standalone Redis layers, on a 3×3 Redis Cluster. */
class RedisClusterChannelLayerTest extends ChannelLayerContract {

    @Override
    protected ChannelLayer createLayer(Vertx vertx, LayerConfig config) {
        return await(RedisChannelLayer.connect(vertx, RedisLayerOptions.forUrls(RedisClusterProcess.shared().url())
                .withKeyPrefix(TestRedis.uniquePrefix("ccontract")).withLayer(config)));
    }
}
