package dev.parley.layer;

/** The layer's backend (Redis) could not be reached or did not answer in time; the operation did not happen. */
public final class LayerUnavailable extends LayerException {

    public LayerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
