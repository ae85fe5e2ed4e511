package dev.parley.gateway.middleware;

import dev.parley.consumers.Handshake;
import dev.parley.consumers.HandshakeRefused;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import dev.parley.gateway.auth.Identity;
import io.vertx.core.Future;

/**
 * Middleware: puts who connected in the scope's {@code user}, like Channels' {@code AuthMiddlewareStack}. A valid
 * session cookie signs its account in; without one, a guest gets the name asked for in {@code ?name=} (if it is
 * free and valid) or a generated one, unless {@code CHAT_ALLOW_GUESTS=false}, which answers 401. Without this
 * middleware every user is {@link dev.parley.consumers.User#anonymous()}. A lookup that fails answers 503.
 */
public final class SessionAuth implements Middleware {

    private final Identity identity;

    SessionAuth(Identity identity) {
        this.identity = identity;
    }

    @Override
    public Future<Scope> admit(Handshake handshake) {
        Scope scope = handshake.scope();
        return identity.of(scope.header("cookie"), scope.queryParam("name")).compose(user -> user.isPresent()
                ? Future.succeededFuture(scope.withUser(user.get()))
                : Future.failedFuture(new HandshakeRefused(401, "not signed in, and guests are not allowed")));
    }
}
