package dev.parley.gateway;

import static dev.parley.layer.Await.await;

import dev.parley.layer.redis.RedisChannelLayer;
import dev.parley.layer.redis.RedisLayerOptions;
import dev.parley.layer.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The side of a worker test that plays the gateway: its own Redis layer, which sends jobs to the worker channel and
 * receives what workers send to the group {@value SquareWorker#RESULTS} on a channel of its own.
 */
final class JobResults implements AutoCloseable {

    private final RedisChannelLayer layer;
    private final List<Long> results = new CopyOnWriteArrayList<>();

    private JobResults(RedisChannelLayer layer) {
        this.layer = layer;
    }

    static JobResults connect(Vertx vertx, String redisUrl, String keyPrefix) {
        JobResults jobs = new JobResults(await(RedisChannelLayer.connect(vertx,
                RedisLayerOptions.forUrls(redisUrl).withKeyPrefix(keyPrefix))));
        String channel = await(jobs.layer.newChannel("results"));
        await(jobs.layer.groupAdd(SquareWorker.RESULTS, channel));
        await(jobs.layer.receive(channel, message -> {
            jobs.results.add(message.getLong("n"));
            return Future.succeededFuture();
        }));
        return jobs;
    }

    /** Sends {@code job.square} jobs for 1 to {@code count} to the worker channel, each to take this long. */
    void squares(int count, Duration each) {
        for (long n = 1; n <= count; n++) {
            send(new JsonObject().put("type", "job.square").put("n", n).put("delay_ms", each.toMillis()));
        }
    }

    void send(JsonObject job) {
        await(layer.send(SquareWorker.CHANNEL, job));
    }

    /** Waits until {@code count} results came, and returns them in the order they came. */
    List<Long> awaitResults(int count) {
        Eventually.await(() -> results.size() >= count, count + " job results (got " + results + ")");
        return new ArrayList<>(results);
    }

    /** Every result so far. */
    List<Long> received() {
        return new ArrayList<>(results);
    }

    @Override
    public void close() {
        await(layer.flush());
        await(layer.close());
    }
}
