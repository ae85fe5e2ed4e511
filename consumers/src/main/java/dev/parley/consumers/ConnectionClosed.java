package dev.parley.consumers;

/**
 * A frame was sent on a connection that is not open (not yet accepted, or already closing), or work tied to the
 * connection ({@link ConnectionTasks#blocking}) was cut short because it closed. A hook that fails with it does not
 * close the connection with 1011: it is closing already.
 */
public final class ConnectionClosed extends RuntimeException {

    public ConnectionClosed(String message) {
        super(message);
    }
}
