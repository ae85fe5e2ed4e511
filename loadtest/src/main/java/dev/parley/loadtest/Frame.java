package dev.parley.loadtest;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A frame from the server, as far as the generator cares, parsed in full: the frames {@link FrameScanner} does not
 * read from their bytes (histories, text with escapes, the rarer types).
 * {@code gapFill}: a history frame answering {@code history.after}.
 */
record Frame(Kind kind, long seq, String message, String clientId, JsonArray history, boolean reset,
                    boolean gapFill, String code) {

    enum Kind {
        CHAT_MESSAGE, ACK, WELCOME, HISTORY, ERROR, OTHER
    }

    static Frame read(String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return new Frame(Kind.OTHER, 0, "", "", new JsonArray(), false, false, "");
        }
        String type = json.getString("type", "");
        Kind kind = switch (type) {
            case "chat.message" -> Kind.CHAT_MESSAGE;
            case "chat.ack" -> Kind.ACK;
            case "welcome" -> Kind.WELCOME;
            case "history" -> Kind.HISTORY;
            case "error" -> Kind.ERROR;
            default -> Kind.OTHER;
        };
        Object seq = json.getValue("seq");
        Object message = json.getValue("message");
        Object clientId = json.getValue("client_id");
        Object history = json.getValue("messages");
        return new Frame(kind, seq instanceof Number n ? n.longValue() : 0,
                message instanceof String s ? s : "", clientId instanceof String s ? s : "",
                history instanceof JsonArray a ? a : new JsonArray(), json.getBoolean("reset", false),
                kind == Kind.HISTORY && json.containsKey("after"),
                json.getValue("code") instanceof String code ? code : "");
    }
}
