package dev.parley.layer;

import io.vertx.core.json.JsonObject;

/** The rule every layer applies to messages: a plain JSON object with a non-empty string {@code type}. */
public final class LayerMessages {

    private LayerMessages() {
    }

    /**
     * A copy of a valid message, so that a sender changing its object later cannot change what is delivered; fails
     * with {@link InvalidMessage} otherwise.
     */
    public static JsonObject validCopy(JsonObject message) {
        if (message == null) {
            throw new InvalidMessage("no message");
        }
        if (!(message.getValue("type") instanceof String type) || type.isEmpty()) {
            throw new InvalidMessage("\"type\" must be a non-empty string");
        }
        try {
            return message.copy();
        } catch (IllegalStateException e) {
            throw new InvalidMessage("not plain JSON (" + e.getMessage() + ")");
        }
    }
}
