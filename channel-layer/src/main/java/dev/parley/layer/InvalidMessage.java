package dev.parley.layer;

/** A message is not a JSON object with a non-empty string {@code type}. */
public final class InvalidMessage extends LayerException {

    public InvalidMessage(String reason) {
        super("invalid layer message: " + reason);
    }
}
