package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;

import dev.parley.layer.WindowCounter;
import dev.parley.layer.WindowCounterContract;
import dev.parley.layer.testing.RedisClusterProcess;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The window counter contract on a Redis Cluster. */
class RedisClusterWindowCounterTest extends WindowCounterContract {

    private final List<RedisChannelLayer> layers = new ArrayList<>();

    @Override
    protected WindowCounter createCounter(Vertx vertx) {
        RedisChannelLayer layer = await(RedisChannelLayer.connect(vertx,
                RedisLayerOptions.forUrls(RedisClusterProcess.shared().url())
                        .withKeyPrefix(TestRedis.uniquePrefix("ccounter"))));
        layers.add(layer);
        return layer.windowCounter();
    }

    @Override
    protected void pass(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis()); // Redis keeps its own time
    }

    @AfterEach
    void closeLayers() {
        layers.forEach(layer -> layer.close().toCompletionStage().toCompletableFuture().join());
    }
}
