package dev.parley.consumers;

import io.vertx.core.Future;

/** A WebSocket handshake as a {@link Middleware} sees it, before any consumer exists. */
public interface Handshake {

    /** The scope so far: the one earlier middleware handed on. */
    Scope scope();

    /** The client's address without its port; behind a trusted proxy, the one it forwarded. */
    String clientAddress();

    /**
     * Whether the connection to this server is TLS. A proxy in front may have ended TLS itself; it says so in
     * {@code X-Forwarded-Proto}, which only a trusted proxy's word counts for.
     */
    boolean secure();

    /**
     * Completes with the HTTP status the handshake was answered with (101 when accepted) once it is decided, by a
     * middleware, the consumer or a deadline.
     */
    Future<Integer> decided();

    /**
     * Runs {@code cleanup} once, when the connection has ended, or at once if the handshake is refused: the place to
     * give back what {@link Middleware#admit} took.
     */
    void onEnd(Runnable cleanup);

    /**
     * Refuses the handshake with an HTTP status, at any time until it has been decided (a deadline does this);
     * returns whether this call decided it.
     */
    boolean refuse(int httpStatus);
}
