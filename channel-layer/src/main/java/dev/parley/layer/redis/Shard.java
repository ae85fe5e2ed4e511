package dev.parley.layer.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Redis server of the layer: a connection for commands (pipelined, shared by every caller) and one for
 * pub/sub. Lettuce reconnects both by itself and restores the subscriptions.
 */
final class Shard {

    private final String url;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubSub;

    private Shard(String url, RedisClient client, StatefulRedisConnection<String, String> commands,
                  StatefulRedisPubSubConnection<String, String> pubSub) {
        this.url = url;
        this.client = client;
        this.commands = commands;
        this.pubSub = pubSub;
    }

    static CompletionStage<Shard> connect(String url, ClientResources resources, ClientOptions options) {
        RedisURI uri = RedisURI.create(url);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(options);
        return client.connectAsync(StringCodec.UTF8, uri)
                .thenCombine(client.connectPubSubAsync(StringCodec.UTF8, uri),
                        (commands, pubSub) -> new Shard(url, client, commands, pubSub))
                .whenComplete((shard, error) -> {
                    if (error != null) {
                        client.shutdownAsync();
                    }
                });
    }

    /** Hands every message of this server's subscriptions to the listener; call before subscribing. */
    void listen(RedisPubSubListener<String, String> listener) {
        pubSub.addListener(listener);
    }

    String url() {
        return url;
    }

    RedisAsyncCommands<String, String> redis() {
        return commands.async();
    }

    RedisPubSubAsyncCommands<String, String> pubSub() {
        return pubSub.async();
    }

    boolean isConnected() {
        return commands.isOpen() && pubSub.isOpen();
    }

    CompletionStage<Void> close() {
        return CompletableFuture.allOf(
                        commands.closeAsync().toCompletableFuture(),
                        pubSub.closeAsync().toCompletableFuture())
                .handle((v, e) -> null)
                .thenCompose(v -> client.shutdownAsync());
    }
}
