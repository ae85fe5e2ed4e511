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
 * known by their pair of addresses.
 */
final class RequestDeadline {

    private final Vertx vertx;
    private final long timeoutMillis;
    private final Runnable onTimeout;
    private final Map<Ends, Long> timers = new HashMap<>();

    /** @param onTimeout counts a connection closed for taking too long (a metric) */
    RequestDeadline(Vertx vertx, Duration timeout, Runnable onTimeout) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
        this.onTimeout = onTimeout;
    }

    /** For {@code HttpServer.connectionHandler}: a new connection must send its first request in time. */
    void opened(HttpConnection connection) {
        Ends ends = new Ends(connection.remoteAddress(), connection.localAddress());
        connection.closeHandler(v -> stopWaiting(ends));
        timers.put(ends, vertx.setTimer(timeoutMillis, t -> {
            timers.remove(ends);
            onTimeout.run();
            connection.close();
        }));
    }

    /** A request head has arrived. */
    void arrived(HttpServerRequest request) {
        stopWaiting(new Ends(request.remoteAddress(), request.localAddress()));
    }

    /** A WebSocket handshake has arrived. */
    void arrived(ServerWebSocket socket) {
        stopWaiting(new Ends(socket.remoteAddress(), socket.localAddress()));
    }

    private void stopWaiting(Ends ends) {
        Long timer = timers.remove(ends);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** What tells one TCP connection from another on one server. */
    private record Ends(SocketAddress remote, SocketAddress local) {
    }
}
