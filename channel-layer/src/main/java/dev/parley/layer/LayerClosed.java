package dev.parley.layer;

/** The layer was closed; nothing more can be sent or received through it. */
public final class LayerClosed extends LayerException {

    public LayerClosed() {
        super("the channel layer is closed");
    }
}
