package dev.parley.gateway.middleware;

import dev.parley.consumers.Handshake;
import dev.parley.consumers.HandshakeRefused;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import dev.parley.gateway.auth.AllowedHosts;
import io.vertx.core.Future;

/**
 * Middleware: a handshake for a host name this service is not reached by ({@code CHAT_ALLOWED_HOSTS}) gets 400,
 * against DNS rebinding. Plain HTTP requests pass the same check, as a guard of every route.
 */
public final class HostCheck implements Middleware {

    private final AllowedHosts hosts;

    HostCheck(AllowedHosts hosts) {
        this.hosts = hosts;
    }

    @Override
    public Future<Scope> admit(Handshake handshake) {
        return hosts.allows(handshake.scope().header("host"))
                ? Future.succeededFuture(handshake.scope())
                : Future.failedFuture(new HandshakeRefused(400, "a host this server is not reached by"));
    }
}
