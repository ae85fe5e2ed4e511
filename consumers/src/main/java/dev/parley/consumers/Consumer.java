package dev.parley.consumers;

import dev.parley.layer.ChannelLayer.MessageHandler;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * Serves one WebSocket connection: one instance per connection, made by a {@link ConsumerFactory} that hands it
 * its {@link Connection}. Every hook does nothing by default.
 *
 * <p>Hooks and event handlers run one at a time, in arrival order, on the connection's event loop: the next
 * starts when the Future returned by the previous completes. They must never block: blocking code goes to
 * {@link ConnectionTasks#blocking}, or the whole consumer is written as a
 * {@link dev.parley.consumers.blocking.BlockingConsumer}. A hook that throws or fails closes the connection with 1011
 * (or refuses the handshake, during {@link #connect}). Timers and blocking calls the consumer starts through
 * {@link Connection#tasks()} end when the connection closes.
 */
public interface Consumer {

    /**
     * The handshake arrived. Call {@link Connection#accept} or {@link Connection#close} here; if neither is called
     * by the time the Future completes, the connection is accepted without a subprotocol.
     */
    default Future<Void> connect() {
        return Future.succeededFuture();
    }

    /** A text frame arrived. */
    default Future<Void> receiveText(String text) {
        return Future.succeededFuture();
    }

    /** A binary frame arrived. */
    default Future<Void> receiveBinary(Buffer bytes) {
        return Future.succeededFuture();
    }

    /**
     * A ping or a pong arrived. The transport has answered a ping already; this hook is for counting frames
     * against a rate limit, so that a flood of control frames is a flood like any other.
     */
    default Future<Void> receiveControlFrame() {
        return Future.succeededFuture();
    }

    /** The connection is gone (the client closed, the network dropped, or the consumer closed it); runs once. */
    default Future<Void> disconnect(int closeCode) {
        return Future.succeededFuture();
    }

    /**
     * Groups this connection's channel joins before {@link #connect} and leaves after {@link #disconnect}. Called
     * once, after construction.
     */
    default List<String> groups() {
        return List.of();
    }

    /**
     * Handlers for channel-layer events sent to this connection's channel or its groups, by event {@code type}
     * (for example {@code chat.message}). Called once, after construction. An event of another type is logged and
     * dropped.
     */
    default Map<String, MessageHandler> eventHandlers() {
        return Map.of();
    }
}
