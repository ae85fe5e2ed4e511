package dev.parley.layer.redis;

import dev.parley.layer.LayerUnavailable;
import dev.parley.layer.WindowCounter;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/** Window counts shared by every node through Redis: a counter key per window that expires with it. */
final class RedisWindowCounter implements WindowCounter {

    /** KEYS[1] the counter, ARGV[1] the window in ms; returns {count, ms left}. A key without expiry gets one. */
    private static final RedisScript COUNT = new RedisScript("""
            local count = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if count == 1 or left < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              left = tonumber(ARGV[1])
            end
            return {count, left}
            """);

    private final Vertx vertx;
    private final RedisBackend backend;
    private final RedisKeys keys;

    RedisWindowCounter(Vertx vertx, RedisBackend backend, RedisKeys keys) {
        this.vertx = vertx;
        this.backend = backend;
        this.keys = keys;
    }

    @Override
    public Future<WindowCount> count(String key, Duration window) {
        String counter = keys.windowCounter(key);
        return Future.<List<Long>>fromCompletionStage(backend.eval(counter, COUNT,
                        ScriptOutputType.MULTI, new String[] {counter}, String.valueOf(window.toMillis())),
                        vertx.getOrCreateContext())
                .map(reply -> new WindowCount(reply.get(0), Duration.ofMillis(reply.get(1))))
                .recover(e -> Future.failedFuture(new LayerUnavailable("Redis did not count: " + e.getMessage(), e)));
    }
}
