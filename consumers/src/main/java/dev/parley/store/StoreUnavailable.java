package dev.parley.store;

/** The store could not be reached or did not answer in time; what was asked did not happen. */
public final class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
