package dev.parley.chat;

import dev.parley.store.StoredMessage;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * An edit or deletion of a chat message: a room event with a seq of its own, the {@code chat.amend} event on the
 * channel layer and the {@code chat.edit} / {@code chat.delete} frame on the wire (docs/protocol.md, "Editing and
 * deleting"). Encoded once per wire mode, as {@link ChatMessage} is.
 *
 * @param target  the seq of the message edited or deleted
 * @param newText the edit's text; empty for a deletion
 */
public record ChatAmendment(String room, long seq, long target, String user, Optional<String> newText, Instant sentAt,
                            Optional<String> clientId) {

    /** The layer event's type; its frames are {@link ChatMessage#frameOf}'s, keyed by seq like a message's. */
    public static final String TYPE = "chat.amend";

    /** Of an edit or deletion the store returned (its text is empty when the message was deleted since). */
    public static ChatAmendment of(StoredMessage stored) {
        Optional<String> text = stored.kind() == StoredMessage.Kind.EDIT ? Optional.of(stored.text()) : Optional.empty();
        return new ChatAmendment(stored.room(), stored.seq(), stored.target(), stored.user(), text, stored.sentAt(),
                stored.clientId());
    }

    /** {@code chat.edit} or {@code chat.delete}. */
    public String frameType() {
        return newText.isPresent() ? "chat.edit" : "chat.delete";
    }

    /** The Server-Sent Events' event name: {@code edit} or {@code delete}. */
    public String eventName() {
        return newText.isPresent() ? "edit" : "delete";
    }

    /** The layer event: the seq, the event name for streams, and the frame encoded for each wire mode. */
    public JsonObject toEvent() {
        return new JsonObject().put("type", TYPE).put("seq", seq).put("event", eventName())
                .put("tutorial", toFrame(WireMode.TUTORIAL).encode())
                .put("rich", toFrame(WireMode.RICH).encode());
    }

    /** The name for Server-Sent Events of a {@link #toEvent} event. */
    public static String eventNameOf(JsonObject event) {
        return event.getString("event", "edit");
    }

    /**
     * Rich mode: the edit or deletion as it is, with {@code client_id} if given. Tutorial mode: a line the tutorial
     * page can show as its {@code message}, since every tutorial frame has a string {@code message}.
     */
    public JsonObject toFrame(WireMode mode) {
        if (mode == WireMode.RICH) {
            return toObject(true);
        }
        return head().put("message", newText.map(text -> user + " edited a message: " + text)
                        .orElse(user + " deleted a message"))
                .put("sent_at", ChatMessage.formatInstant(sentAt));
    }

    /** The rich object, with or without the {@code client_id} (HTTP history shows none). */
    public JsonObject toObject(boolean withClientId) {
        JsonObject json = head();
        newText.ifPresent(text -> json.put("message", text));
        json.put("sent_at", ChatMessage.formatInstant(sentAt));
        if (withClientId) {
            clientId.ifPresent(id -> json.put("client_id", id));
        }
        return json;
    }

    private JsonObject head() {
        return new JsonObject().put("type", frameType()).put("room", room).put("seq", seq).put("target", target)
                .put("user", user);
    }
}
