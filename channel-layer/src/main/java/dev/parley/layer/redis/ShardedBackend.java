package dev.parley.layer.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One standalone Redis server, or several with names spread over them by {@link ShardRouter}. */
final class ShardedBackend implements RedisBackend {

    private final ShardRouter shards;

    ShardedBackend(List<Shard> shards) {
        this.shards = new ShardRouter(shards);
    }

    @Override
    public String describe() {
        int n = shards.all().size();
        return n == 1 ? "standalone Redis" : "sharded over " + n + " standalone Redis servers";
    }

    @Override
    public RedisKeys keys(String prefix) {
        return new RedisKeys(prefix);
    }

    @Override
    public String publishCommand() {
        return "PUBLISH";
    }

    @Override
    public <T> CompletionStage<T> eval(String routing, RedisScript script, ScriptOutputType output, String[] keys,
                                       String... args) {
        return script.run(shards.forName(routing).redis(), output, keys, args);
    }

    @Override
    public CompletionStage<Long> publish(String routing, String topic, String payload) {
        return shards.forName(routing).redis().publish(topic, payload);
    }

    @Override
    public CompletionStage<Long> zrem(String routing, String key, String member) {
        return shards.forName(routing).redis().zrem(key, member);
    }

    @Override
    public CompletionStage<Void> subscribe(String routing, String topic) {
        return shards.forName(routing).pubSub().subscribe(topic);
    }

    @Override
    public void unsubscribe(Collection<Route> topics) {
        byShard(topics).forEach((shard, names) -> {
            try {
                shard.pubSub().unsubscribe(names.toArray(String[]::new));
            } catch (RuntimeException e) {
                // Closed connection: nothing to unsubscribe from; a reconnect subscribes only to what is listed.
            }
        });
    }

    @Override
    public void resubscribe(Collection<Route> topics) {
        byShard(topics).forEach((shard, names) -> shard.pubSub().subscribe(names.toArray(String[]::new)));
    }

    @Override
    public void listen(RedisPubSubListener<String, String> listener) {
        shards.all().forEach(shard -> shard.listen(listener));
    }

    @Override
    public CompletionStage<Void> deleteMatching(String pattern) {
        CompletableFuture<?>[] deletions = shards.all().stream()
                .map(shard -> KeyDeletion.deleteMatching(shard.redis(), pattern).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(deletions);
    }

    @Override
    public boolean isConnected() {
        return shards.all().stream().allMatch(Shard::isConnected);
    }

    @Override
    public CompletionStage<Void> close() {
        CompletableFuture<?>[] closing = shards.all().stream().map(s -> s.close().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(closing);
    }

    private Map<Shard, List<String>> byShard(Collection<Route> topics) {
        Map<Shard, List<String>> grouped = new HashMap<>();
        topics.forEach(route -> grouped.computeIfAbsent(shards.forName(route.routing()), s -> new ArrayList<>())
                .add(route.topic()));
        return grouped;
    }
}
