package dev.parley.gateway.middleware;

import dev.parley.consumers.Handshake;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Middleware: a handshake not decided within {@code CHAT_HANDSHAKE_TIMEOUT_SECONDS} of reaching it, by the
 * middleware after it (an account lookup) or by the consumer's {@code connect}, gets 503, so that no slow lookup or
 * consumer holds a half-open connection.
 */
public final class HandshakeDeadline implements Middleware {

    private final Duration deadline;

    HandshakeDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public Future<Scope> admit(Handshake handshake) {
        Vertx vertx = Vertx.currentContext().owner();
        long timer = vertx.setTimer(deadline.toMillis(), t -> handshake.refuse(503));
        handshake.decided().onComplete(decided -> vertx.cancelTimer(timer));
        return Future.succeededFuture(handshake.scope());
    }
}
