package dev.parley.chat;

import io.vertx.core.json.JsonObject;

/** Someone entered ({@code present}) or left a room: the {@code chat.presence} layer event. */
public record PresenceEvent(String room, String user, boolean present) {

    public static final String TYPE = "chat.presence";

    public JsonObject toEvent() {
        return new JsonObject().put("type", TYPE).put("room", room).put("user", user).put("present", present);
    }

    public static PresenceEvent fromEvent(JsonObject event) {
        return new PresenceEvent(event.getString("room"), event.getString("user"), event.getBoolean("present", false));
    }

    /** The rich-mode frame: {@code presence.join} or {@code presence.leave}. */
    JsonObject toFrame() {
        return new JsonObject().put("type", present ? "presence.join" : "presence.leave").put("room", room)
                .put("user", user);
    }
}
