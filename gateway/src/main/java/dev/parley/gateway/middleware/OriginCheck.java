package dev.parley.gateway.middleware;

import dev.parley.consumers.Handshake;
import dev.parley.consumers.HandshakeRefused;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import dev.parley.gateway.auth.OriginPolicy;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Middleware: a handshake from the page of another site gets 403 ({@link OriginPolicy}, {@code CHAT_ALLOWED_ORIGINS}),
 * against cross-site WebSocket hijacking: Channels' {@code AllowedHostsOriginValidator}.
 */
public final class OriginCheck implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);

    private final OriginPolicy origins;

    OriginCheck(OriginPolicy origins) {
        this.origins = origins;
    }

    @Override
    public Future<Scope> admit(Handshake handshake) {
        Scope scope = handshake.scope();
        if (origins.allows(scope::header, handshake.secure())) {
            return Future.succeededFuture(scope);
        }
        log.info("Refused a WebSocket to {} from the page of another site: {}", scope.path(),
                scope.header("origin").orElse(""));
        return Future.failedFuture(new HandshakeRefused(403, "the page of another site"));
    }
}
