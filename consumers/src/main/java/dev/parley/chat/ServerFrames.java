package dev.parley.chat;

import dev.parley.consumers.User;
import dev.parley.store.MessageStore.Page;
import dev.parley.store.StoredMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The frames the chat server sends that are not chat messages (see {@link ChatMessage#toFrame}), as on the wire. */
final class ServerFrames {

    private ServerFrames() {
    }

    /** The first frame; {@code name_refused} when a guest did not get the name it asked for, saying why. */
    static JsonObject welcome(String room, User user, int maxMessageLength) {
        JsonObject welcome = new JsonObject()
                .put("type", "welcome")
                .put("protocol", WireMode.RICH_SUBPROTOCOL)
                .put("room", room)
                .put("user", user.name())
                .put("guest", user.guest())
                .put("max_message_length", maxMessageLength);
        user.nameRefused().ifPresent(why -> welcome.put("name_refused", why));
        return welcome;
    }

    /** A guest's name was registered by somebody: from now on it is {@code user}. */
    static JsonObject renamed(String room, String previous, String user) {
        return new JsonObject()
                .put("type", "renamed")
                .put("room", room)
                .put("previous", previous)
                .put("user", user)
                .put("reason", "somebody just registered the name \u201c" + previous + "\u201d (or one that looks "
                        + "like it), so you are \u201c" + user + "\u201d now; sign up with a name of your own to "
                        + "keep it");
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

    /** A page of history, oldest first, edits and deletions among the messages; {@code extra} adds the field that says which kind (resumed, reset, before). */
    static JsonObject history(String room, Page page, JsonObject extra) {
        JsonArray messages = new JsonArray();
        page.messages().forEach(stored -> messages.add(RoomEvents.frame(stored, WireMode.RICH)));
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
