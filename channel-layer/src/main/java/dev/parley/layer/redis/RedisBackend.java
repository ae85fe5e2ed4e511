package dev.parley.layer.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubListener;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * Where the layer's names live and how to publish and subscribe there: one Redis server, several chosen by name
 * ({@link ShardedBackend}), or a Redis Cluster ({@link ClusterBackend}). Each operation takes the routing name (a
 * group, channel or node name) that chooses the server among several; a Cluster routes by the key's hash slot
 * instead, so the same calls serve every mode.
 */
interface RedisBackend {

    /** The mode for the start-up line: "standalone", "sharded over 2 servers", "Redis Cluster with 3 masters". */
    String describe();

    /** The key layout of this mode: hash-tagged on a Cluster. */
    RedisKeys keys(String prefix);

    /** The command a Lua script uses to publish ({@code PUBLISH}, or {@code SPUBLISH} on a Cluster). */
    String publishCommand();

    /** Runs a script on the server of its keys (all of them in one slot on a Cluster). */
    <T> CompletionStage<T> eval(String routing, RedisScript script, ScriptOutputType output, String[] keys,
                                String... args);

    CompletionStage<Long> publish(String routing, String topic, String payload);

    CompletionStage<Long> zrem(String routing, String key, String member);

    /** Completes once messages of the topic reach the listener; subscribing again to a topic is harmless. */
    CompletionStage<Void> subscribe(String routing, String topic);

    /** Stops listening to the topics, in as few commands as the mode allows; never throws. */
    void unsubscribe(Collection<Route> topics);

    /** Subscribes again to every topic, after the probe saw pub/sub lose a message. */
    void resubscribe(Collection<Route> topics);

    /** Receives every message of every subscription; call once, before subscribing. */
    void listen(RedisPubSubListener<String, String> listener);

    /** Deletes every key matching the pattern, on every server. */
    CompletionStage<Void> deleteMatching(String pattern);

    /** Called every second: a Cluster moves subscriptions to where their slots now live. */
    default void maintain() {
    }

    boolean isConnected();

    CompletionStage<Void> close();

    /** A topic and its routing name. */
    record Route(String routing, String topic) {
    }
}
