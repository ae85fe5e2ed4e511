package dev.parley.chat;

import dev.parley.chat.ClientFrame.Amend;
import dev.parley.chat.ClientFrame.HistoryAfter;
import dev.parley.chat.ClientFrame.HistoryBefore;
import dev.parley.chat.ClientFrame.Post;
import dev.parley.chat.ClientFrame.Refused;
import dev.parley.chat.ClientFrame.Typing;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
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
        } else if (rawClientId instanceof String id && !id.isEmpty()
                && id.codePointCount(0, id.length()) <= MAX_CLIENT_ID_LENGTH && isWellFormed(id)) {
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
            case "chat.edit" -> amend(frame, true, clientId);
            case "chat.delete" -> amend(frame, false, clientId);
            case "typing" -> typing(frame, clientId);
            case "history.before" -> historyPage(frame, "before", clientId);
            case "history.after" -> historyPage(frame, "after", clientId);
            default -> refused(ErrorCode.UNKNOWN_TYPE, "unknown frame type " + quoted(name)
                    + "; this server takes \"chat.send\", \"chat.edit\", \"chat.delete\", \"typing\", "
                    + "\"history.before\" and \"history.after\"",
                    clientId);
        };
    }

    /** {@code chat.edit} (a new text, checked as {@code chat.send}'s) or {@code chat.delete} of the message {@code seq}. */
    private ClientFrame amend(JsonObject frame, boolean edit, Optional<String> clientId) {
        Optional<Long> target = wholeNumber(frame.getValue("seq"));
        if (target.isEmpty() || target.get() < 1) {
            return refused(ErrorCode.INVALID_FIELD, "\"seq\" must be the seq of a message (a whole number from 1)",
                    clientId);
        }
        if (!edit) {
            return new Amend(target.get(), Optional.empty(), clientId);
        }
        ClientFrame text = post(frame, clientId);
        return text instanceof Post post ? new Amend(target.get(), Optional.of(post.message()), clientId) : text;
    }

    private ClientFrame post(JsonObject frame, Optional<String> clientId) {
        Object message = frame.getValue("message");
        if (!(message instanceof String text)) {
            return refused(ErrorCode.INVALID_FIELD,
                    message == null ? "the frame needs a \"message\" field" : "\"message\" must be a string", clientId);
        }
        if (text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
            return refused(ErrorCode.EMPTY_MESSAGE, ErrorCode.EMPTY_MESSAGE.sentence(), clientId);
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxMessageLength) {
            return refused(ErrorCode.MESSAGE_TOO_LONG,
                    "the message has " + length + " characters; the limit is " + maxMessageLength, clientId);
        }
        if (!isWellFormed(text) || text.indexOf('\u0000') >= 0) {
            // Neither can be sent on in a UTF-8 text frame, nor kept as text by Postgres.
            return refused(ErrorCode.INVALID_FIELD,
                    "\"message\" holds a NUL character or half of a surrogate pair: not text", clientId);
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
        Optional<Long> seq = wholeNumber(value);
        if (seq.isEmpty() || seq.get() < lowest) {
            return refused(ErrorCode.INVALID_REQUEST,
                    quoted(bound) + " must be a message seq (a whole number from " + lowest + ")", clientId);
        }
        Optional<Long> count = wholeNumber(limit);
        if (count.isEmpty() || count.get() < 1 || count.get() > MAX_HISTORY_PAGE) {
            return refused(ErrorCode.INVALID_REQUEST,
                    "\"limit\" must be a whole number from 1 to " + MAX_HISTORY_PAGE, clientId);
        }
        return bound.equals("before") ? new HistoryBefore(seq.get(), count.get().intValue())
                : new HistoryAfter(seq.get(), count.get().intValue());
    }

    /** The value as a long, if it is a whole number a long can hold (a wider one would wrap around). */
    private static Optional<Long> wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? Optional.of(big.longValue()) : Optional.empty();
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return Optional.of(decimal.longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? Optional.of((long) d) : Optional.empty();
        }
        return Optional.empty();
    }

    /** No half of a surrogate pair: text that UTF-8 can carry. */
    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Refused refused(ErrorCode code, String detail, Optional<String> clientId) {
        return new Refused(code, detail, clientId);
    }

    /** At most 40 UTF-16 units of the client's input, never half a pair, with any stray half replaced. */
    private static String quoted(String value) {
        int end = value.length() > 40 && Character.isHighSurrogate(value.charAt(39)) ? 39 : 40;
        String shown = value.length() > 40 ? value.substring(0, end) + "…" : value;
        StringBuilder safe = new StringBuilder(shown.length() + 2).append('"');
        shown.codePoints().forEach(cp -> safe.appendCodePoint(Character.isSurrogate((char) cp) && cp < 0x10000
                ? 0xFFFD : cp));
        return safe.append('"').toString();
    }
}
