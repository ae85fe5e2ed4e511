package dev.parley.layer;

/** Base of every failure a channel layer reports; the subclasses name the cause. */
public abstract class LayerException extends RuntimeException {

    protected LayerException(String message) {
        super(message);
    }

    protected LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
