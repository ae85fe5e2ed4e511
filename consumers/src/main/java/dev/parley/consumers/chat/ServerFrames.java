package dev.parley.consumers.chat;

import dev.parley.consumers.history.MessageStore.Page;
import dev.parley.consumers.history.StoredMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The frames the chat server sends that are not chat messages (see {@link ChatMessage#toFrame}), as on the wire. */
final class ServerFrames {

    private ServerFrames() {
    }

    static JsonObject welcome(String room, String user, boolean guest, int maxMessageLength) {
        return new JsonObject()
                .put("type", "welcome")
                .put("protocol", WireMode.RICH_SUBPROTOCOL)
                .put("room", room)
                .put("user", user)
                .put("guest", guest)
                .put("max_message_length", maxMessageLength);
    }

    static JsonObject presence(String room, List<String> users) {
        return new JsonObject().put("type", "presence").put("room", room).put("users", new JsonArray(users));
    }

    static JsonObject ack(StoredMessage stored, boolean duplicate) {
        JsonObject ack = new JsonObject().put("type", "chat.ack");
        stored.clientId().ifPresent(id -> ack.put("client_id", id));
        ack.put("seq", stored.seq()).put("sent_at", ChatMessage.formatInstant(stored.sentAt()));
        if (duplicate) {
            ack.put("duplicate", true);
        }
        return ack;
    }

    /** A page of history, oldest first; {@code extra} adds the field that says which kind (resumed, reset, before). */
    static JsonObject history(String room, Page page, JsonObject extra) {
        JsonArray messages = new JsonArray();
        page.messages().forEach(stored -> messages.add(ChatMessage.of(stored).toFrame(WireMode.RICH)));
        JsonObject frame = new JsonObject().put("type", "history").put("room", room).put("messages", messages)
                .put("has_more", page.hasMore());
        return frame.mergeIn(extra);
    }

    static JsonObject typing(TypingEvent event) {
        return new JsonObject()
                .put("type", "typing")
                .put("room", event.room())
                .put("user", event.user())
                .put("active", event.active());
    }

    /** An error frame; its {@code message} is a sentence, so tutorial clients can show it. */
    static JsonObject error(ErrorCode code, String detail, Optional<String> clientId) {
        JsonObject error = new JsonObject()
                .put("type", "error")
                .put("code", code.wire())
                .put("message", "Error: " + detail);
        clientId.ifPresent(id -> error.put("client_id", id));
        return error;
    }
}
