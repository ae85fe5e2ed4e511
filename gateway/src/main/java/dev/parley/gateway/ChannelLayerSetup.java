package dev.parley.gateway;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.redis.RedisChannelLayer;
import dev.parley.layer.redis.RedisLayerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Opens the channel layer the configuration asks for: Redis when {@code CHAT_REDIS_URL} is set, else memory. */
final class ChannelLayerSetup {

    private ChannelLayerSetup() {
    }

    static Future<ChannelLayer> open(Vertx vertx, GatewayConfig config) {
        if (config.redisUrl().isEmpty()) {
            return Future.succeededFuture(new InMemoryChannelLayer(vertx));
        }
        RedisLayerOptions options;
        try {
            options = RedisLayerOptions.forUrls(config.redisUrl().get()).withKeyPrefix(config.redisKeyPrefix());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new ConfigException("CHAT_REDIS_URL: " + e.getMessage()));
        }
        return RedisChannelLayer.connect(vertx, options).map(layer -> layer);
    }

    /** For the start-up line: which layer, and where; passwords in URLs are hidden. */
    static String describe(GatewayConfig config) {
        return config.redisUrl()
                .map(urls -> "Redis at " + withoutPasswords(urls) + " (key prefix '" + config.redisKeyPrefix()
                        + "'; rooms shared with every gateway on it)")
                .orElse("in-memory (this node only)");
    }

    static String withoutPasswords(String urls) {
        return urls.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
    }
}
