package dev.parley.chat;

import dev.parley.store.StoredMessage;
import io.vertx.core.json.JsonObject;

/**
 * The rows of a room's history, chat messages and their edits and deletions, as history objects and stream
 * events: one place that tells them apart, for WebSocket history, HTTP history and Server-Sent Events.
 */
public final class RoomEvents {

    private RoomEvents() {
    }

    /** The object a client speaking {@code mode} gets for a stored row: a message in its current state, or an event. */
    public static JsonObject frame(StoredMessage stored, WireMode mode) {
        return stored.isAmendment() ? ChatAmendment.of(stored).toFrame(mode) : ChatMessage.of(stored).toFrame(mode);
    }

    /** The object HTTP history shows for a stored row: as in tutorial mode for a message, rich for an event. */
    public static JsonObject httpObject(StoredMessage stored) {
        return stored.isAmendment() ? ChatAmendment.of(stored).toObject(false)
                : ChatMessage.of(stored).toFrame(WireMode.TUTORIAL);
    }

    /** The Server-Sent Events name of a stored row: {@code message}, {@code edit} or {@code delete}. */
    public static String eventName(StoredMessage stored) {
        return stored.isAmendment() ? ChatAmendment.of(stored).eventName() : "message";
    }

    /** Whether a layer event is a row of the room's history (a message, edit or deletion), keyed by its seq. */
    public static boolean isHistoryEvent(JsonObject layerEvent) {
        String type = layerEvent.getString("type");
        return ChatMessage.TYPE.equals(type) || ChatAmendment.TYPE.equals(type);
    }

    /** The Server-Sent Events name of a layer event for which {@link #isHistoryEvent} holds. */
    public static String eventName(JsonObject layerEvent) {
        return ChatAmendment.TYPE.equals(layerEvent.getString("type")) ? ChatAmendment.eventNameOf(layerEvent)
                : "message";
    }
}
