package dev.parley.consumers;

/** A frame was sent on a connection that is not open (not yet accepted, or already closing). */
public final class ConnectionClosed extends RuntimeException {

    public ConnectionClosed(String message) {
        super(message);
    }
}
