package dev.parley.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes a new connection that has not sent a whole request head (request line and headers, e.g. a WebSocket
 * handshake) within {@code CHAT_HANDSHAKE_TIMEOUT_SECONDS}: a client that sends half a handshake and stalls, or
 * drips it a byte at a time, cannot keep a socket. From its first request on, the idle time-out watches the
 * connection: Vert.x counts only whole requests (and WebSocket frames) as reading, so a kept-alive connection that
 * drips its next request is closed after {@code CHAT_IDLE_TIMEOUT_SECONDS}.
 *
 * <p>One per HTTP server, so everything happens on that server's event loop. The server must not wait for an
 * HTTP/2 preface ({@code setHttp2ClearTextEnabled(false)}): only then does Vert.x announce a connection as it opens
 * rather than once its first request has been decoded. A WebSocket does not name its connection, so connections are
 * known by their peer's address and port, which Vert.x keeps anyway (asking for the local address too would cost
 * every WebSocket about 100 bytes of heap for its life; see docs/benchmarks.md).
 */
final class RequestDeadline {

    private final Vertx vertx;
    private final long timeoutMillis;
    private final Runnable onTimeout;
    private final Map<SocketAddress, Waiting> waiting = new HashMap<>();

    /** @param onTimeout counts a connection closed for taking too long (a metric) */
    RequestDeadline(Vertx vertx, Duration timeout, Runnable onTimeout) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
        this.onTimeout = onTimeout;
    }

    /** For {@code HttpServer.connectionHandler}: a new connection must send its first request in time. */
    void opened(HttpConnection connection) {
        SocketAddress peer = connection.remoteAddress();
        connection.closeHandler(v -> stopWaiting(peer));
        long timer = vertx.setTimer(timeoutMillis, t -> {
            waiting.remove(peer);
            onTimeout.run();
            connection.close();
        });
        waiting.put(peer, new Waiting(connection, timer));
    }

    /** A request head has arrived. */
    void arrived(HttpServerRequest request) {
        stopWaiting(request.remoteAddress());
    }

    /** A WebSocket handshake has arrived. */
    void arrived(ServerWebSocket socket) {
        stopWaiting(socket.remoteAddress());
    }

    private void stopWaiting(SocketAddress peer) {
        Waiting stopped = waiting.remove(peer);
        if (stopped != null) {
            vertx.cancelTimer(stopped.timer());
            // Held for the connection's life otherwise: a WebSocket's heap is counted in bytes (benchmarks.md).
            stopped.connection().closeHandler(null);
        }
    }

    private record Waiting(HttpConnection connection, long timer) {
    }
}
