package dev.parley.consumers;

import io.vertx.core.Future;
import java.util.List;

/**
 * Runs around every WebSocket connection of a server, like a Channels middleware around its router (for example
 * {@code AuthMiddlewareStack}). A server holds a stack of them; each handshake passes them in order, and each
 * admitted connection's consumer is wrapped by them, the first of the stack outermost.
 *
 * <p>A middleware has two chances, both optional:
 * <ul>
 *   <li>{@link #admit}: before the consumer exists, look at the handshake, refuse it with an HTTP status, enrich its
 *       scope (identity sets the user), or take a resource to give back when the connection ends;</li>
 *   <li>{@link #wrap}: once admitted, put a {@link ForwardingConsumer} around the consumer, to see or drop frames
 *       and events (the frame rate limit does).</li>
 * </ul>
 * Both run on the connection's event loop and must not block.
 */
public interface Middleware {

    /**
     * Decides about a handshake. Completes with the scope to hand on (the one given, or a changed copy), or fails
     * with {@link HandshakeRefused} to answer the handshake with that HTTP status; any other failure answers 503.
     * The next middleware runs only once this one's Future has completed.
     */
    default Future<Scope> admit(Handshake handshake) {
        return Future.succeededFuture(handshake.scope());
    }

    /** Wraps the consumer of an admitted connection; the default hands it on untouched. */
    default Consumer wrap(Consumer consumer, Connection connection) {
        return consumer;
    }

    /**
     * The factory with every consumer it makes wrapped by the stack, the first middleware outermost: what a
     * server runs, and what a test gives {@code WebsocketCommunicator} to try a consumer behind its middleware.
     */
    static ConsumerFactory wrapping(List<? extends Middleware> stack, ConsumerFactory factory) {
        return connection -> {
            Consumer consumer = factory.create(connection);
            for (int i = stack.size() - 1; i >= 0; i--) {
                consumer = stack.get(i).wrap(consumer, connection);
            }
            return consumer;
        };
    }
}
