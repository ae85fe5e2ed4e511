package dev.parley.gateway.metrics;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.LayerConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A channel layer that records the latency and failures of every operation of the layer it wraps: with Redis,
 * its errors are Redis errors ({@code parley_layer_errors_total}).
 */
public final class MeteredChannelLayer implements ChannelLayer {

    private static final String LATENCY = "parley.layer.latency";
    private static final String ERRORS = "parley.layer.errors";

    private final ChannelLayer layer;
    private final TimedOperation sends;
    private final TimedOperation receives;
    private final TimedOperation groupAdds;
    private final TimedOperation groupDiscards;
    private final TimedOperation groupSends;

    public MeteredChannelLayer(ChannelLayer layer, GatewayMetrics metrics) {
        this.layer = layer;
        sends = metrics.operation(LATENCY, ERRORS, "send");
        receives = metrics.operation(LATENCY, ERRORS, "receive");
        groupAdds = metrics.operation(LATENCY, ERRORS, "group_add");
        groupDiscards = metrics.operation(LATENCY, ERRORS, "group_discard");
        groupSends = metrics.operation(LATENCY, ERRORS, "group_send");
        metrics.counter("parley.layer.dropped", "group messages not delivered because the member's channel was full",
                layer, ChannelLayer::droppedMessages);
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
        return sends.time(() -> layer.send(channel, message));
    }

    @Override
    public Future<Receiver> receive(String channel, MessageHandler handler) {
        return receives.time(() -> layer.receive(channel, handler));
    }

    @Override
    public Future<Void> groupAdd(String group, String channel) {
        return groupAdds.time(() -> layer.groupAdd(group, channel));
    }

    @Override
    public Future<Void> groupDiscard(String group, String channel) {
        return groupDiscards.time(() -> layer.groupDiscard(group, channel));
    }

    @Override
    public Future<Void> groupSend(String group, JsonObject message) {
        return groupSends.time(() -> layer.groupSend(group, message));
    }

    @Override
    public Future<Void> flush() {
        return layer.flush();
    }

    @Override
    public boolean isHealthy() {
        return layer.isHealthy();
    }

    @Override
    public long droppedMessages() {
        return layer.droppedMessages();
    }

    @Override
    public Future<Void> close() {
        return layer.close();
    }
}
