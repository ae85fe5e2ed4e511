package dev.parley.layer.redis;

import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.LayerMessages;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Routes what Redis publishes to this node: group messages to local members (skipping this node's own, already
 * delivered), node messages to local channels and memberships, wake-ups to named-channel pumps, probes to the
 * probe. Runs on Lettuce's threads, one message at a time per connection, so a topic's order is kept.
 */
final class PubSubRouter extends RedisPubSubAdapter<String, String> {

    private final RedisKeys keys;
    private final String nodeId;
    private final InMemoryChannelLayer local;
    private final GroupSubscriptions groups;
    private final Map<String, NamedChannelPump> pumps;
    private final PubSubProbe probe;
    private final BooleanSupplier closed;

    PubSubRouter(RedisKeys keys, String nodeId, InMemoryChannelLayer local, GroupSubscriptions groups,
                 Map<String, NamedChannelPump> pumps, PubSubProbe probe, BooleanSupplier closed) {
        this.keys = keys;
        this.nodeId = nodeId;
        this.local = local;
        this.groups = groups;
        this.pumps = pumps;
        this.probe = probe;
        this.closed = closed;
    }

    @Override
    public void message(String topic, String payload) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            RedisKeys.Topic parsed = keys.parse(topic);
            switch (parsed.kind()) {
                case GROUP -> groupMessage(parsed.subject(), payload);
                case NODE -> nodeMessage(NodeMessage.decode(payload));
                case WAKE -> {
                    NamedChannelPump pump = pumps.get(parsed.subject());
                    if (pump != null) {
                        pump.take();
                    }
                }
                case UNKNOWN -> probe.countUndeliverable(topic, new IllegalArgumentException("not a topic of this layer"));
            }
        } catch (RuntimeException e) {
            probe.countUndeliverable(topic, e);
        }
    }

    /** Decoded and frozen once, however many local members the group has. */
    private void groupMessage(String group, String payload) {
        JsonObject envelope = new JsonObject(payload);
        if (!nodeId.equals(envelope.getString("o"))) {
            local.deliverToGroup(group, LayerMessages.frozen(envelope.getJsonObject("m")));
        }
    }

    private void nodeMessage(NodeMessage message) {
        switch (message.kind()) {
            case SEND -> local.send(message.channel(), message.message())
                    .onFailure(e -> probe.countUndeliverable(message.channel(), e));
            case GROUP_ADD -> local.groupAdd(message.group(), message.channel())
                    .onSuccess(v -> groups.ensure(message.group()));
            case GROUP_DISCARD -> local.groupDiscard(message.group(), message.channel());
            case PROBE -> probe.received(message.probe());
        }
    }
}
