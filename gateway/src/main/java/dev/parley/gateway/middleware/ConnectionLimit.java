package dev.parley.gateway.middleware;

import dev.parley.consumers.Handshake;
import dev.parley.consumers.HandshakeRefused;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.gateway.http.ConnectionCaps;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Middleware: caps the WebSockets of one address ({@code CHAT_MAX_CONNECTIONS_PER_IP}, IPv6 by block) and of one
 * signed-in user ({@code CHAT_MAX_CONNECTIONS_PER_USER}); over a cap, 429. Place it after {@link SessionAuth}, which
 * tells who the user is. Each connection gives its place back when it ends.
 */
public final class ConnectionLimit implements Middleware {

    private final ConnectionCaps caps;

    ConnectionLimit(ConnectionCaps caps) {
        this.caps = caps;
    }

    @Override
    public Future<Scope> admit(Handshake handshake) {
        User user = handshake.scope().user();
        Optional<Runnable> release = caps.admit(handshake.clientAddress(),
                user.guest() ? Optional.empty() : Optional.of(user.name()));
        if (release.isEmpty()) {
            return Future.failedFuture(new HandshakeRefused(429, "too many connections from this address or user"));
        }
        handshake.onEnd(release.get());
        return Future.succeededFuture(handshake.scope());
    }
}
