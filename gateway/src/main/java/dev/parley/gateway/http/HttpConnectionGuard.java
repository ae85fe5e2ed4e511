package dev.parley.gateway.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every new HTTP connection of the gateway ({@link GuardedConnection}): time-outs for its requests, a cap
 * on plain HTTP connections per client address, and no request framed two ways. One for the gateway, shared by its
 * servers: the count per address spans them all.
 *
 * <p>The servers must not wait for an HTTP/2 preface ({@code setHttp2ClearTextEnabled(false)}): only then does Vert.x
 * announce a connection as it opens, with its HTTP/1 decoder in place, rather than once its first request has been
 * decoded.
 */
public final class HttpConnectionGuard {

    private static final Logger log = LoggerFactory.getLogger(HttpConnectionGuard.class);

    private final Settings settings;

    public HttpConnectionGuard(Settings settings) {
        this.settings = settings;
    }

    /** For {@code HttpServer.connectionHandler}. */
    public void opened(HttpConnection connection) {
        // Vert.x 4 has no public way to reach a connection's Netty pipeline; its HTTP/1 connections are all
        // ConnectionBase. Checked by every IT that talks to a gateway.
        if (!(connection instanceof ConnectionBase base)) {
            log.error("Closed an HTTP connection that cannot be watched for slow requests: {}", connection.getClass());
            connection.close();
            return;
        }
        String peer = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().host();
        try {
            new GuardedConnection(settings, peer).watch(base.channel().pipeline());
        } catch (IllegalStateException e) {
            log.error("Closed an HTTP connection that cannot be watched for slow requests: {}", e.getMessage());
            connection.close();
        }
    }

    /**
     * @param handshakeTimeout how long a connection may take to send its first request head
     * @param requestTimeout   how long each request may take to arrive whole
     * @param caps             plain HTTP connections per client address ({@code CHAT_MAX_HTTP_CONNECTIONS_PER_IP})
     * @param trustProxy       whether the client's address is the last {@code X-Forwarded-For} entry
     * @param onTimeout        counts a connection closed for taking too long (a metric)
     */
    public record Settings(Duration handshakeTimeout, Duration requestTimeout, ConnectionCaps caps, boolean trustProxy,
                    Runnable onTimeout) {
    }
}
