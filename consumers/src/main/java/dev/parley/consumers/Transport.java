package dev.parley.consumers;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The client side of a {@link ConsumerSession}, as the session sees it: a real WebSocket in the gateway, queues
 * in the test harness. The session calls it only from the connection's event loop.
 */
public interface Transport {

    /** Completes the handshake (HTTP 101), with the chosen subprotocol if any. */
    void accept(Optional<String> subprotocol);

    /** Refuses the handshake with this HTTP status. */
    void reject(int httpStatus);

    /**
     * Sends a text frame, in order after earlier ones. The Future completes once the transport has taken it: at
     * once, unless the client reads so slowly that its write queue is full, then when the queue has drained.
     */
    Future<Void> sendText(String text);

    /** Sends a close frame; the transport then reports {@link ConsumerSession#closed} when the connection is gone. */
    void close(int code, String reason);

    /** Stops reading frames from the client until {@link #resumeReading}: the consumer is behind. */
    void pauseReading();

    void resumeReading();
}
