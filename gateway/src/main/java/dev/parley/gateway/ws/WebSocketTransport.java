package dev.parley.gateway.ws;

import dev.parley.consumers.CloseCodes;
import dev.parley.consumers.ConnectionClosed;
import dev.parley.consumers.Transport;
import dev.parley.gateway.metrics.GatewayMetrics;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer session's transport over a Vert.x WebSocket whose handshake waits for the consumer. The subprotocol
 * is negotiated by the server from the routes' list, which picks the client's first supported one, as consumers do.
 */
public final class WebSocketTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
    /** How long a client may take to answer the server's close frame before its connection is dropped. */
    private static final long CLOSE_DEADLINE_MILLIS = 10_000;

    private final ServerWebSocket socket;
    private final Promise<Integer> handshake;
    private final Context context;
    private final GatewayMetrics metrics;
    private final OutboundGuard outbound;
    /** Writes handed to the socket and not yet taken by the operating system; only the event loop changes it. */
    private int pendingWrites;
    private final Handler<AsyncResult<Void>> writeCompleted = this::writeCompleted;
    /** While the client's write queue is full: completes when it has drained. */
    private Promise<Void> drained;
    /** Since when (System.nanoTime) the oldest pending write has waited without progress; 0: none waits. */
    private volatile long stalledSince;
    private volatile boolean disconnectedForSlowness;

    WebSocketTransport(ServerWebSocket socket, Promise<Integer> handshake, GatewayMetrics metrics) {
        this.socket = socket;
        this.handshake = handshake;
        this.metrics = metrics;
        this.context = Vertx.currentContext();
        this.outbound = OutboundGuard.install(socket);
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

    /**
     * Hands the frame to the socket and returns at once: the next frame need not wait for this one to reach the
     * operating system. Only a client whose write queue is full (it reads slower than its room talks) makes the
     * caller wait, until the queue has drained; meanwhile its channel fills and the layer drops what it cannot
     * take, and the slow-client check ends the connection if the client never catches up.
     */
    @Override
    public Future<Void> sendText(String text) {
        if (socket.isClosed()) {
            // Closed by the gateway (a drain, a slow client) before the session heard of it.
            return Future.failedFuture(new ConnectionClosed("the WebSocket is closed"));
        }
        metrics.frameSent();
        if (pendingWrites++ == 0) {
            stalledSince = System.nanoTime();
        }
        socket.writeTextMessage(text, writeCompleted);
        if (!socket.writeQueueFull()) {
            return Future.succeededFuture();
        }
        if (drained == null) {
            drained = Promise.promise();
            socket.drainHandler(v -> {
                Promise<Void> waiting = drained;
                drained = null;
                waiting.tryComplete();
            });
        }
        return drained.future();
    }

    /** The connection is gone: nothing waits for its write queue to drain any more. */
    void closed() {
        if (drained != null) {
            Promise<Void> waiting = drained;
            drained = null;
            waiting.tryFail(new ConnectionClosed("the connection closed before the client caught up"));
        }
    }

    /** A write reached the operating system: the client reads. Whatever still waits has waited only from now. */
    private void writeCompleted(AsyncResult<Void> written) {
        stalledSince = --pendingWrites == 0 ? 0 : System.nanoTime();
    }

    @Override
    public void close(int code, String reason) {
        closeWithin(code, reason);
    }

    /**
     * Sends a close frame, and drops the connection if the client has not answered it within
     * {@value #CLOSE_DEADLINE_MILLIS} ms. Vert.x starts its own wait only once the frame is written: for a client
     * that does not read, never, and one that keeps sending (pings, say) would never time out either.
     */
    void closeWithin(int code, String reason) {
        if (socket.isClosed()) {
            return;
        }
        socket.close((short) code, reason);
        context.owner().setTimer(CLOSE_DEADLINE_MILLIS, t -> outbound.abort());
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
     * Sends a ping, which the client's WebSocket answers by itself. Only to an accepted socket: one whose handshake
     * still waits for its consumer, or was refused (a deadline missed under load, say), cannot be written to, and
     * Vert.x would throw.
     */
    void ping() {
        context.runOnContext(v -> {
            if (accepted() && !socket.isClosed()) {
                socket.writePing(Buffer.buffer());
            }
        });
    }

    private boolean accepted() {
        Future<Integer> decided = handshake.future();
        return decided.succeeded() && decided.result() == 101;
    }

    /**
     * Whether the client has not read for longer than {@code limit}: a chat message has waited that long without a
     * write making progress, or the outbound queue (of any frames: chat, pongs, errors) has been full that long.
     */
    boolean stalledLongerThan(long limitNanos, long now) {
        if (disconnectedForSlowness) {
            return false;
        }
        long since = stalledSince;
        return since != 0 && now - since > limitNanos || outbound.fullLongerThan(limitNanos, now);
    }

    /**
     * Ends the connection of a client that does not read, so that it cannot hold the server's memory or its room's
     * messages: a close frame with 1008, which it could see only after everything it has not read, and the
     * connection is dropped at once, as such a client would never answer the close frame in time.
     */
    void disconnectSlowClient() {
        disconnectedForSlowness = true;
        context.runOnContext(v -> {
            closeWithin(CloseCodes.POLICY_VIOLATION, "too slow: the client does not read its messages");
            outbound.abort();
        });
    }

    /**
     * Ends the connection because the gateway drains: refuses a pending handshake, or closes with 1012 so that the
     * client reconnects, through the load balancer, to another gateway.
     */
    void drain() {
        context.runOnContext(v -> {
            if (!handshake.tryComplete(503)) {
                closeWithin(CloseCodes.SERVICE_RESTART, "server restarting: reconnect");
            }
        });
    }
}
