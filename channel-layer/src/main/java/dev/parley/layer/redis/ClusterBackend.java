package dev.parley.layer.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Redis Cluster: commands go to the master of their key's slot (Lettuce follows the topology, refreshed every
 * few seconds and whenever a command meets a moved slot or a lost node), and pub/sub is sharded
 * ({@code SPUBLISH}/{@code SSUBSCRIBE}) so a group's messages reach only the shard of its slot and the nodes
 * listening there. The keys are hash-tagged ({@link RedisKeys}), so every script touches one slot.
 */
final class ClusterBackend implements RedisBackend {

    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);
    private static final Duration ADAPTIVE_REFRESH_GAP = Duration.ofSeconds(1);

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> commands;
    private final ClusterSubscriptions subscriptions;

    private ClusterBackend(RedisClusterClient client, StatefulRedisClusterConnection<String, String> commands,
                           ClusterSubscriptions subscriptions) {
        this.client = client;
        this.commands = commands;
        this.subscriptions = subscriptions;
    }

    /** Connects to the cluster the seed URLs belong to. */
    static CompletionStage<RedisBackend> connect(List<String> seeds, ClientResources resources, ClientOptions options) {
        List<RedisURI> uris = seeds.stream().map(RedisURI::create).toList();
        RedisClusterClient client = RedisClusterClient.create(resources, uris);
        client.setOptions(ClusterClientOptions.builder(options)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_GAP)
                        .closeStaleConnections(true)
                        .build())
                .build());
        RedisClient nodes = RedisClient.create(resources);
        // The async connect does not load the topology itself.
        return client.refreshPartitionsAsync()
                .thenCompose(v -> client.connectAsync(StringCodec.UTF8))
                .<RedisBackend>thenApply(connection -> {
                    ClusterSubscriptions subscriptions = new ClusterSubscriptions(nodes, uris.get(0), options, client::getPartitions,
                            () -> client.refreshPartitionsAsync());
                    return new ClusterBackend(client, connection, subscriptions);
                })
                .whenComplete((backend, error) -> {
                    if (error != null) {
                        nodes.shutdownAsync();
                        client.shutdownAsync();
                    }
                });
    }

    @Override
    public String describe() {
        long masters = client.getPartitions().stream().filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM)).count();
        return "Redis Cluster with " + masters + " masters";
    }

    @Override
    public RedisKeys keys(String prefix) {
        return new RedisKeys(prefix, true);
    }

    @Override
    public String publishCommand() {
        return "SPUBLISH";
    }

    @Override
    public <T> CompletionStage<T> eval(String routing, RedisScript script, ScriptOutputType output, String[] keys,
                                       String... args) {
        return script.run(redis(), output, keys, args);
    }

    @Override
    public CompletionStage<Long> publish(String routing, String topic, String payload) {
        return redis().spublish(topic, payload);
    }

    @Override
    public CompletionStage<Long> zrem(String routing, String key, String member) {
        return redis().zrem(key, member);
    }

    @Override
    public CompletionStage<Void> subscribe(String routing, String topic) {
        return subscriptions.subscribe(topic);
    }

    @Override
    public void unsubscribe(Collection<Route> topics) {
        subscriptions.unsubscribe(topics.stream().map(Route::topic).toList());
    }

    @Override
    public void resubscribe(Collection<Route> topics) {
        subscriptions.resubscribeAll();
    }

    @Override
    public void listen(RedisPubSubListener<String, String> listener) {
        subscriptions.listen(listener);
    }

    @Override
    public CompletionStage<Void> deleteMatching(String pattern) {
        CompletableFuture<?>[] perMaster = client.getPartitions().stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
                .map(node -> commands.getConnectionAsync(node.getNodeId())
                        .thenCompose(connection -> KeyDeletion.deleteMatching(connection.async(),
                                keys -> redis().unlink(keys), pattern))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(perMaster);
    }

    @Override
    public void maintain() {
        subscriptions.reconcile();
    }

    @Override
    public boolean isConnected() {
        return commands.isOpen() && !subscriptions.isClosed();
    }

    @Override
    public CompletionStage<Void> close() {
        return subscriptions.close()
                .thenCompose(v -> commands.closeAsync())
                .handle((v, e) -> null)
                .thenCompose(v -> client.shutdownAsync());
    }

    private RedisAdvancedClusterAsyncCommands<String, String> redis() {
        return commands.async();
    }
}
