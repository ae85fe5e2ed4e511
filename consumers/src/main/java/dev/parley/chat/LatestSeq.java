package dev.parley.chat;

import io.vertx.core.json.JsonObject;

/**
 * A room's latest seq, the {@code chat.latest} layer event: sent to a room's group by a node that stored messages
 * it could not publish (Redis was away), once it can, and by a node to its own members of a room when its
 * subscriptions come back. A member that has delivered less fetches the rest from the store. Never a frame.
 */
public record LatestSeq(String room, long seq) {

    public static final String TYPE = "chat.latest";

    public JsonObject toEvent() {
        return new JsonObject().put("type", TYPE).put("room", room).put("seq", seq);
    }

    public static LatestSeq fromEvent(JsonObject event) {
        return new LatestSeq(event.getString("room", ""), event.getLong("seq", 0L));
    }
}
