package dev.parley.chat;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.LayerConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * An in-memory layer that says it is unhealthy when told to, as a Redis layer does while Redis is away: what
 * {@link OutageRecovery} looks at. Everything else is the in-memory layer's.
 */
final class HealthSwitch implements ChannelLayer {

    private final ChannelLayer layer;
    private volatile boolean healthy = true;

    HealthSwitch(ChannelLayer layer) {
        this.layer = layer;
    }

    void set(boolean healthy) {
        this.healthy = healthy;
    }

    @Override
    public boolean isHealthy() {
        return healthy;
    }

    @Override
    public LayerConfig config() {
        return layer.config();
    }

    @Override
    public Future<String> newChannel(String prefix) {
        return layer.newChannel(prefix);
    }

    @Override
    public Future<Void> send(String channel, JsonObject message) {
        return layer.send(channel, message);
    }

    @Override
    public Future<Receiver> receive(String channel, MessageHandler handler) {
        return layer.receive(channel, handler);
    }

    @Override
    public Future<Void> groupAdd(String group, String channel) {
        return layer.groupAdd(group, channel);
    }

    @Override
    public Future<Void> groupDiscard(String group, String channel) {
        return layer.groupDiscard(group, channel);
    }

    @Override
    public Future<Void> groupSend(String group, JsonObject message) {
        return layer.groupSend(group, message);
    }

    @Override
    public Future<Void> flush() {
        return layer.flush();
    }

    @Override
    public Future<Void> close() {
        return layer.close();
    }
}
