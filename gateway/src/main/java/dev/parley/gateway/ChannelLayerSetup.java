package dev.parley.gateway;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.InMemoryPresence;
import dev.parley.layer.InMemoryWindowCounter;
import dev.parley.layer.Presence;
import dev.parley.layer.WindowCounter;
import dev.parley.layer.redis.RedisChannelLayer;
import dev.parley.layer.redis.RedisLayerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Opens the channel layer and presence the configuration asks for: Redis when {@code CHAT_REDIS_URL} is set, else memory. */
public final class ChannelLayerSetup {

    private ChannelLayerSetup() {
    }

    /** Opens the layer, and the presence and window counts that go with it (in memory for one node, Redis for many). */
    public static Future<Opened> open(Vertx vertx, GatewayConfig config) {
        if (config.redisUrl().isEmpty()) {
            return Future.succeededFuture(new Opened(new InMemoryChannelLayer(vertx), new InMemoryPresence(),
                    new InMemoryWindowCounter(System::nanoTime)));
        }
        RedisLayerOptions options;
        try {
            options = RedisLayerOptions.forUrls(config.redisUrl().get()).withKeyPrefix(config.redisKeyPrefix());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new ConfigException("CHAT_REDIS_URL: " + e.getMessage()));
        }
        return RedisChannelLayer.connect(vertx, options)
                // Cluster nodes listed with standalone servers: a configuration error, named as such.
                .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
                        ? new ConfigException("CHAT_REDIS_URL: " + e.getMessage()) : e))
                .map(layer -> new Opened(layer, layer.presence(config.presenceTtl()), layer.windowCounter()));
    }

    /** The layer, presence and window counts of a gateway. */
    public record Opened(ChannelLayer layer, Presence presence, WindowCounter counter) {

        /** Closes presence first (this node's users leave), then the layer. */
    public     Future<Void> close() {
            return presence.close().eventually(v -> layer.close());
        }
    }

    /** For the start-up line: which layer, and where; passwords in URLs are hidden. */
    public static String describe(GatewayConfig config) {
        return config.redisUrl()
                .map(urls -> "Redis at " + withoutPasswords(urls) + " (key prefix '" + config.redisKeyPrefix()
                        + "'; rooms shared with every gateway on it)")
                .orElse("in-memory (this node only)");
    }

    static String withoutPasswords(String urls) {
        return urls.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
    }
}
