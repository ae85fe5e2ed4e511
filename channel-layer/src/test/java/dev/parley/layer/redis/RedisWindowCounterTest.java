package dev.parley.layer.redis;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.WindowCounter;
import dev.parley.layer.WindowCounterContract;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The window counter contract on Redis, and what only several nodes show: one count for all of them. */
class RedisWindowCounterTest extends WindowCounterContract {

    private final List<RedisChannelLayer> layers = new ArrayList<>();
    private final String prefix = TestRedis.uniquePrefix("counter");

    @Override
    protected WindowCounter createCounter(Vertx vertx) {
        return node(vertx).windowCounter();
    }

    @Override
    protected void pass(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis()); // Redis keeps its own time
    }

    @AfterEach
    void closeLayers() {
        layers.forEach(layer -> layer.close().toCompletionStage().toCompletableFuture().join());
    }

    @Test
    void everyNodeCountsIntoTheSameWindow() {
        WindowCounter other = node(vertx).windowCounter();
        Duration minute = Duration.ofMinutes(1);

        await(counter.count("name:ada", minute));
        await(other.count("name:ada", minute));

        assertThat(await(counter.count("name:ada", minute)).count()).isEqualTo(3);
    }

    private RedisChannelLayer node(Vertx vertx) {
        RedisChannelLayer layer = await(RedisChannelLayer.connect(vertx,
                RedisLayerOptions.forUrls(TestRedis.url()).withKeyPrefix(prefix)));
        layers.add(layer);
        return layer;
    }
}
