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

    /** Sends a text frame; the Future completes when it has been written. */
    Future<Void> sendText(String text);

    /** Sends a close frame; the transport then reports {@link ConsumerSession#closed} when the connection is gone. */
    void close(int code, String reason);

    /** Stops reading frames from the client until {@link #resumeReading}: the consumer is behind. */
    void pauseReading();

    void resumeReading();
}
