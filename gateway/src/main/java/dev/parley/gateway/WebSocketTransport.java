package dev.parley.gateway;

import dev.parley.consumers.CloseCodes;
import dev.parley.consumers.Transport;
import dev.parley.gateway.metrics.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer session's transport over a Vert.x WebSocket whose handshake waits for the consumer. The subprotocol
 * is negotiated by the server from the routes' list, which picks the client's first supported one, as consumers do.
 */
final class WebSocketTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private final ServerWebSocket socket;
    private final Promise<Integer> handshake;
    private final Context context;
    private final GatewayMetrics metrics;

    WebSocketTransport(ServerWebSocket socket, Promise<Integer> handshake, GatewayMetrics metrics) {
        this.socket = socket;
        this.handshake = handshake;
        this.metrics = metrics;
        this.context = Vertx.currentContext();
    }

    @Override
    public void accept(Optional<String> subprotocol) {
        if (handshake.tryComplete(101)) {
            String negotiated = socket.subProtocol();
            if (!subprotocol.equals(Optional.ofNullable(negotiated))) {
                log.warn("consumer for {} accepted subprotocol {} but the server negotiated {}",
                        socket.path(), subprotocol.orElse("(none)"), negotiated);
            }
        }
    }

    @Override
    public void reject(int httpStatus) {
        handshake.tryComplete(httpStatus);
    }

    @Override
    public Future<Void> sendText(String text) {
        metrics.frameSent();
        return socket.writeTextMessage(text);
    }

    @Override
    public void close(int code, String reason) {
        socket.close((short) code, reason);
    }

    @Override
    public void pauseReading() {
        socket.pause();
    }

    @Override
    public void resumeReading() {
        socket.resume();
    }

    /**
     * Ends the connection because the gateway drains: refuses a pending handshake, or closes with 1012 so that the
     * client reconnects, through the load balancer, to another gateway.
     */
    void drain() {
        context.runOnContext(v -> {
            if (!handshake.tryComplete(503) && !socket.isClosed()) {
                socket.close((short) CloseCodes.SERVICE_RESTART, "server restarting: reconnect");
            }
        });
    }
}
