package dev.parley.consumers.chat;

import java.time.Instant;
import java.util.Optional;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

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

    static JsonObject ack(Optional<String> clientId, Instant sentAt) {
        JsonObject ack = new JsonObject().put("type", "chat.ack");
        clientId.ifPresent(id -> ack.put("client_id", id));
        return ack.put("sent_at", ChatMessage.formatInstant(sentAt));
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
