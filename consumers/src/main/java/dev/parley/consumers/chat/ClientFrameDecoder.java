package dev.parley.consumers.chat;

import dev.parley.consumers.chat.ClientFrame.HistoryAfter;
import dev.parley.consumers.chat.ClientFrame.HistoryBefore;
import dev.parley.consumers.chat.ClientFrame.Post;
import dev.parley.consumers.chat.ClientFrame.Refused;
import dev.parley.consumers.chat.ClientFrame.Typing;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Turns a client's JSON object into a {@link ClientFrame}, refusing what the protocol does not allow. Never throws. */
public final class ClientFrameDecoder {

    /** Longest {@code client_id} accepted. */
    public static final int MAX_CLIENT_ID_LENGTH = 64;
    /** Messages in one page of history, unless asked otherwise, and the most one page may hold. */
    public static final int DEFAULT_HISTORY_PAGE = 50;
    public static final int MAX_HISTORY_PAGE = 200;

    private final WireMode mode;
    private final int maxMessageLength;

    public ClientFrameDecoder(WireMode mode, int maxMessageLength) {
        this.mode = mode;
        this.maxMessageLength = maxMessageLength;
    }

    public ClientFrame decode(JsonObject frame) {
        if (mode == WireMode.TUTORIAL) {
            return post(frame, Optional.empty());
        }
        Object type = frame.getValue("type");
        Optional<String> clientId;
        Object rawClientId = frame.getValue("client_id");
        if (rawClientId == null) {
            clientId = Optional.empty();
        } else if (rawClientId instanceof String id && !id.isEmpty() && id.length() <= MAX_CLIENT_ID_LENGTH) {
            clientId = Optional.of(id);
        } else {
            return refused(ErrorCode.INVALID_FIELD,
                    "'client_id' must be a string of 1 to " + MAX_CLIENT_ID_LENGTH + " characters", Optional.empty());
        }
        if (type == null && frame.containsKey("message")) {
            return post(frame, clientId);
        }
        if (!(type instanceof String name)) {
            return refused(ErrorCode.INVALID_FIELD, "'type' must be a string such as \"chat.send\"", clientId);
        }
        return switch (name) {
            case "chat.send" -> post(frame, clientId);
            case "typing" -> typing(frame, clientId);
            case "history.before" -> historyPage(frame, "before", clientId);
            case "history.after" -> historyPage(frame, "after", clientId);
            default -> refused(ErrorCode.UNKNOWN_TYPE, "unknown frame type " + quoted(name)
                    + "; this server takes \"chat.send\", \"typing\", \"history.before\" and \"history.after\"",
                    clientId);
        };
    }

    private ClientFrame post(JsonObject frame, Optional<String> clientId) {
        Object message = frame.getValue("message");
        if (!(message instanceof String text)) {
            return refused(ErrorCode.INVALID_FIELD,
                    message == null ? "the frame needs a \"message\" field" : "\"message\" must be a string", clientId);
        }
        if (text.isBlank()) {
            return refused(ErrorCode.EMPTY_MESSAGE, ErrorCode.EMPTY_MESSAGE.sentence(), clientId);
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxMessageLength) {
            return refused(ErrorCode.MESSAGE_TOO_LONG,
                    "the message has " + length + " characters; the limit is " + maxMessageLength, clientId);
        }
        return new Post(text, clientId);
    }

    private static ClientFrame typing(JsonObject frame, Optional<String> clientId) {
        if (frame.getValue("active") instanceof Boolean active) {
            return new Typing(active);
        }
        return refused(ErrorCode.INVALID_FIELD, "\"active\" must be true or false", clientId);
    }

    /** {@code history.before} ({@code bound} "before", a seq from 1) or {@code history.after} ("after", from 0). */
    private static ClientFrame historyPage(JsonObject frame, String bound, Optional<String> clientId) {
        Object value = frame.getValue(bound);
        Object limit = frame.getValue("limit", DEFAULT_HISTORY_PAGE);
        long lowest = bound.equals("before") ? 1 : 0;
        if (!(value instanceof Number seq) || !isWhole(seq) || seq.longValue() < lowest) {
            return refused(ErrorCode.INVALID_REQUEST,
                    quoted(bound) + " must be a message seq (a whole number from " + lowest + ")", clientId);
        }
        if (!(limit instanceof Number count) || !isWhole(count) || count.longValue() < 1
                || count.longValue() > MAX_HISTORY_PAGE) {
            return refused(ErrorCode.INVALID_REQUEST,
                    "\"limit\" must be a whole number from 1 to " + MAX_HISTORY_PAGE, clientId);
        }
        return bound.equals("before") ? new HistoryBefore(seq.longValue(), count.intValue())
                : new HistoryAfter(seq.longValue(), count.intValue());
    }

    private static boolean isWhole(Number number) {
        return number instanceof Integer || number instanceof Long
                || (number.doubleValue() == Math.rint(number.doubleValue()) && !Double.isInfinite(number.doubleValue()));
    }

    private static Refused refused(ErrorCode code, String detail, Optional<String> clientId) {
        return new Refused(code, detail, clientId);
    }

    private static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown + "\"";
    }
}
