package dev.parley.chat;

import io.vertx.core.json.JsonObject;

/** Someone started or stopped typing in a room: the {@code chat.typing} layer event. */
public record TypingEvent(String room, String user, boolean active, String senderChannel) {

    public static final String TYPE = "chat.typing";

    public JsonObject toEvent() {
        return new JsonObject()
                .put("type", TYPE)
                .put("room", room)
                .put("user", user)
                .put("active", active)
                .put("sender_channel", senderChannel);
    }

    public static TypingEvent fromEvent(JsonObject event) {
        return new TypingEvent(event.getString("room"), event.getString("user"),
                event.getBoolean("active", false), event.getString("sender_channel", ""));
    }
}
