package dev.parley.consumers;

import dev.parley.layer.ChannelLayer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** What a consumer can do with its connection: Channels' {@code self.accept/send/close} and channel-layer access. */
public interface Connection {

    /** Who connected, where to, and how. */
    Scope scope();

    /** This connection's own process-local channel on the layer; messages sent to it reach the consumer's event handlers. */
    String channelName();

    /** The layer, for sending to other channels and groups. */
    ChannelLayer layer();

    /** Completes the handshake without a subprotocol. Fails unless the handshake is still pending. */
    Future<Void> accept();

    /** Completes the handshake choosing one of the subprotocols the client offered. */
    Future<Void> accept(String subprotocol);

    /**
     * Sends a text frame. Completes once the transport has taken it, at once unless the client is behind on reading
     * (then when it has caught up); fails with {@link ConnectionClosed} unless the connection is open.
     */
    Future<Void> send(String text);

    /** Sends a JSON object as a text frame. */
    Future<Void> sendJson(JsonObject frame);

    /**
     * Closes the connection with a code from {@link CloseCodes} and a reason (at most 123 bytes of UTF-8); before
     * {@link #accept} this refuses the handshake with HTTP 403. {@link Consumer#disconnect} follows.
     */
    Future<Void> close(int code, String reason);

    /** Joins a group; the connection leaves it by itself when it ends. */
    Future<Void> groupAdd(String group);

    /** Leaves a group. */
    Future<Void> groupDiscard(String group);

    /**
     * Timers, periodic tasks and blocking calls tied to this connection: cancelled (blocking calls interrupted) when it
     * closes, before {@link Consumer#disconnect} runs.
     */
    ConnectionTasks tasks();

    /**
     * The connection's event-loop context, where every hook runs. Code on another thread (a library's callback, a
     * blocking hook) reaches the connection with {@code context().runOnContext(...)}; the methods above throw
     * elsewhere, except {@link #tasks()}, {@link #scope()}, {@link #channelName()} and {@link #layer()}.
     */
    Context context();
}
