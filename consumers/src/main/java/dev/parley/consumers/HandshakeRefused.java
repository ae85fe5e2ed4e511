package dev.parley.consumers;

/** A {@link Middleware} refuses a handshake: the client gets this HTTP status and no connection. */
public final class HandshakeRefused extends RuntimeException {

    private final int httpStatus;

    /** @param why for the server's log; the client sees only the status */
    public HandshakeRefused(int httpStatus, String why) {
        super(why, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
