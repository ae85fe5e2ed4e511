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

    private final RedisBackend backend;
    private final RedisKeys keys;
    private final InMemoryChannelLayer local;
    private final Object lock = new Object();
    private final Map<String, CompletableFuture<Void>> subscribed = new HashMap<>();
    private final Set<String> idle = new HashSet<>();

    GroupSubscriptions(RedisBackend backend, RedisKeys keys, InMemoryChannelLayer local) {
        this.backend = backend;
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
            CompletableFuture<Void> subscription = backend.subscribe(group, keys.groupTopic(group))
                    .toCompletableFuture();
            subscribed.put(group, subscription);
            return subscription;
        }
    }

    /**
     * Called periodically: a group without local members at two ticks in a row is unsubscribed, in one command
     * per Redis server (one per topic on a Cluster, whose topics live in different slots).
     */
    void releaseIdle() {
        List<RedisBackend.Route> release = new ArrayList<>();
        synchronized (lock) {
            for (String group : List.copyOf(subscribed.keySet())) {
                if (local.hasMembers(group)) {
                    idle.remove(group);
                } else if (!idle.add(group)) {
                    idle.remove(group);
                    subscribed.remove(group);
                    release.add(route(group));
                }
            }
            // Issued under the lock, so a later ensure() of the same group subscribes after this unsubscribe.
            if (!release.isEmpty()) {
                backend.unsubscribe(release);
            }
        }
    }

    /** Subscribes again to every group, after pub/sub was seen to lose messages. */
    void resubscribeAll() {
        synchronized (lock) {
            backend.resubscribe(subscribed.keySet().stream().map(this::route).toList());
        }
    }

    private RedisBackend.Route route(String group) {
        return new RedisBackend.Route(group, keys.groupTopic(group));
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
