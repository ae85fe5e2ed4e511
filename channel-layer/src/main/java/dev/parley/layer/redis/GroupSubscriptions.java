package dev.parley.layer.redis;

import dev.parley.layer.InMemoryChannelLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The groups this node listens to: exactly those with local members. It subscribes when the first local member
 * joins and unsubscribes in batches, a delay after the last one left, so join/leave churn costs Redis little.
 */
final class GroupSubscriptions {

    private final ShardRouter shards;
    private final RedisKeys keys;
    private final InMemoryChannelLayer local;
    private final Object lock = new Object();
    private final Map<String, CompletableFuture<Void>> subscribed = new HashMap<>();
    private final Set<String> idle = new HashSet<>();

    GroupSubscriptions(ShardRouter shards, RedisKeys keys, InMemoryChannelLayer local) {
        this.shards = shards;
        this.keys = keys;
        this.local = local;
    }

    /** Completes once this node receives the group's messages. */
    CompletionStage<Void> ensure(String group) {
        synchronized (lock) {
            idle.remove(group);
            CompletableFuture<Void> existing = subscribed.get(group);
            if (existing != null && !existing.isCompletedExceptionally()) {
                return existing;
            }
            CompletableFuture<Void> subscription = shards.forName(group).pubSub().subscribe(keys.groupTopic(group))
                    .toCompletableFuture();
            subscribed.put(group, subscription);
            return subscription;
        }
    }

    /**
     * Called periodically: a group without local members at two ticks in a row is unsubscribed, in one command
     * per Redis server.
     */
    void releaseIdle() {
        Map<Shard, List<String>> release = new HashMap<>();
        synchronized (lock) {
            for (String group : List.copyOf(subscribed.keySet())) {
                if (local.hasMembers(group)) {
                    idle.remove(group);
                } else if (!idle.add(group)) {
                    idle.remove(group);
                    subscribed.remove(group);
                    release.computeIfAbsent(shards.forName(group), s -> new ArrayList<>()).add(keys.groupTopic(group));
                }
            }
            // Issued under the lock, so a later ensure() of the same group subscribes after this unsubscribe.
            release.forEach((shard, topics) -> {
                try {
                    shard.pubSub().unsubscribe(topics.toArray(String[]::new));
                } catch (RuntimeException e) {
                    // Closed connection: nothing to unsubscribe from; a reconnect subscribes only to what is listed.
                }
            });
        }
    }

    /** Subscribes again to every group, after pub/sub was seen to lose messages. */
    void resubscribeAll() {
        synchronized (lock) {
            Map<Shard, List<String>> topics = new HashMap<>();
            subscribed.keySet().forEach(group ->
                    topics.computeIfAbsent(shards.forName(group), s -> new ArrayList<>()).add(keys.groupTopic(group)));
            topics.forEach((shard, names) -> shard.pubSub().subscribe(names.toArray(String[]::new)));
        }
    }

    int count() {
        synchronized (lock) {
            return subscribed.size();
        }
    }

    boolean isSubscribed(String group) {
        synchronized (lock) {
            return subscribed.containsKey(group);
        }
    }
}
