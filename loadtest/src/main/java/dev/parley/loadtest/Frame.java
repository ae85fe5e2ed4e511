package dev.parley.loadtest;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A frame from the server, as far as the generator cares. Chat messages, by far the most frequent frame, are read
 * by a scan of the server's compact JSON rather than a full parse, so the generator spends its CPU on load.
 * {@code gapFill}: a history frame answering {@code history.after}.
 */
record Frame(Kind kind, long seq, String message, String clientId, JsonArray history, boolean reset,
                    boolean gapFill, String code) {

    enum Kind {
        CHAT_MESSAGE, ACK, WELCOME, HISTORY, ERROR, OTHER
    }

    private static final String CHAT_START = "{\"type\":\"chat.message\"";
    private static final String SEQ = "\"seq\":";
    private static final String MESSAGE = "\"message\":\"";

    static Frame read(String text) {
        if (text.startsWith(CHAT_START)) {
            Frame scanned = scanChatMessage(text);
            if (scanned != null) {
                return scanned;
            }
        }
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

    /** The chat message's seq and text, or null when the text is not as the server writes it (then parsed). */
    private static Frame scanChatMessage(String text) {
        int seqAt = text.indexOf(SEQ, CHAT_START.length());
        int messageAt = text.indexOf(MESSAGE, CHAT_START.length());
        if (seqAt < 0 || messageAt < 0) {
            return null;
        }
        int digitsEnd = seqAt + SEQ.length();
        while (digitsEnd < text.length() && Character.isDigit(text.charAt(digitsEnd))) {
            digitsEnd++;
        }
        int start = messageAt + MESSAGE.length();
        int close = text.indexOf('"', start);
        if (digitsEnd == seqAt + SEQ.length() || close < 0 || text.lastIndexOf('\\', close) > start) {
            return null;
        }
        return new Frame(Kind.CHAT_MESSAGE, Long.parseLong(text, seqAt + SEQ.length(), digitsEnd, 10),
                text.substring(start, close), "", new JsonArray(), false, false, "");
    }
}
