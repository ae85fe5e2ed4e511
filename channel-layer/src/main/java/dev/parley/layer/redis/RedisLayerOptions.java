package dev.parley.layer.redis;

import dev.parley.layer.LayerConfig;
import dev.parley.layer.LayerNames;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link RedisChannelLayer}.
 *
 * @param urls             one {@code redis://} or {@code rediss://} URL per Redis server; with several, channels and
 *                         groups are spread over them by name (client-side sharding), so every node must list the
 *                         same servers. URLs of Redis Cluster nodes (detected at start) are seeds of one cluster,
 *                         which places names by hash slot; cluster and standalone URLs together are refused
 * @param keyPrefix        the start of every Redis key and pub/sub channel of this layer, so layers can share a Redis
 * @param layer            capacity and expiry
 * @param unsubscribeDelay how long a node keeps listening to a group after its last local member left, so that
 *                         join/leave churn does not flood Redis with SUBSCRIBE/UNSUBSCRIBE
 * @param probeInterval    how often the node checks, by publishing to itself, that pub/sub still delivers
 * @param commandTimeout   how long a Redis command may take before it fails
 */
public record RedisLayerOptions(List<String> urls, String keyPrefix, LayerConfig layer, Duration unsubscribeDelay,
                                Duration probeInterval, Duration commandTimeout) {

    public static final String DEFAULT_KEY_PREFIX = "parley";
    public static final Duration DEFAULT_UNSUBSCRIBE_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

    public RedisLayerOptions {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a Redis channel layer needs at least one Redis URL");
        }
        for (String url : urls) {
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new IllegalArgumentException("a Redis URL must start with redis:// or rediss://, got '" + url + "'");
            }
        }
        if (!LayerNames.isValidGroup(keyPrefix) || keyPrefix.length() > 40) {
            throw new IllegalArgumentException("the key prefix must be 1 to 40 letters, digits, '-', '_' or '.', got '"
                    + keyPrefix + "'");
        }
        Objects.requireNonNull(layer, "layer");
        requirePositive("unsubscribeDelay", unsubscribeDelay);
        requirePositive("probeInterval", probeInterval);
        requirePositive("commandTimeout", commandTimeout);
    }

    /** Defaults for the servers in a comma-separated list of URLs, as {@code CHAT_REDIS_URL} takes them. */
    public static RedisLayerOptions forUrls(String commaSeparatedUrls) {
        List<String> urls = Arrays.stream(commaSeparatedUrls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
        return new RedisLayerOptions(urls, DEFAULT_KEY_PREFIX, LayerConfig.defaults(), DEFAULT_UNSUBSCRIBE_DELAY,
                DEFAULT_PROBE_INTERVAL, DEFAULT_COMMAND_TIMEOUT);
    }

    public RedisLayerOptions withKeyPrefix(String prefix) {
        return new RedisLayerOptions(urls, prefix, layer, unsubscribeDelay, probeInterval, commandTimeout);
    }

    public RedisLayerOptions withLayer(LayerConfig config) {
        return new RedisLayerOptions(urls, keyPrefix, config, unsubscribeDelay, probeInterval, commandTimeout);
    }

    public RedisLayerOptions withUnsubscribeDelay(Duration delay) {
        return new RedisLayerOptions(urls, keyPrefix, layer, delay, probeInterval, commandTimeout);
    }

    public RedisLayerOptions withProbeInterval(Duration interval) {
        return new RedisLayerOptions(urls, keyPrefix, layer, unsubscribeDelay, interval, commandTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
