package dev.parley.loadtest;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the frames the server sends most (chat.message, chat.ack, error: flat JSON objects of strings, numbers and
 * booleans, in any key order) straight from their bytes: no decoding to a String, no allocation. One per event loop,
 * reused for every frame. A frame it does not read (a history's array, an escape inside a string it needs) makes
 * {@link #scan} return false, and is parsed in full ({@link Frame}).
 */
final class FrameScanner {

    /** The frame types read here; {@code OTHER} is any other flat frame (presence.join, typing…). */
    enum Type {
        CHAT_MESSAGE, ACK, ERROR, WELCOME, OTHER
    }

    private static final byte[] TYPE = ascii("type");
    private static final byte[] SEQ = ascii("seq");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] CLIENT_ID = ascii("client_id");
    private static final byte[] CODE = ascii("code");
    private static final byte[] CHAT_MESSAGE = ascii("chat.message");
    private static final byte[] CHAT_ACK = ascii("chat.ack");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] WELCOME = ascii("welcome");
    private static final byte[] PAYLOAD_PREFIX = ascii("lt ");

    private Buffer bytes;
    private int typeStart;
    private int typeEnd;
    private int messageStart;
    private int messageEnd;
    private int clientIdStart;
    private int clientIdEnd;
    private int codeStart;
    private int codeEnd;

    /** The frame's type, after a successful {@link #scan}. */
    Type type;
    /** Its {@code seq}, or -1 when it has none. */
    long seq;

    /** Filled by {@link #payload} and {@link #clientId}: what the generator wrote into the message or client_id. */
    int slot;
    int counter;
    long sentMicros;
    /** 1 for a measured message, 0 for a warm-up one. */
    int measured;

    /** Reads one frame's fields; false when the frame is not a flat object of this kind (then parse it in full). */
    boolean scan(Buffer frame) {
        bytes = frame;
        typeStart = messageStart = clientIdStart = codeStart = -1;
        seq = -1;
        int end = frame.length();
        int at = skipSpaces(0, end);
        if (at >= end || frame.getByte(at) != '{') {
            return false;
        }
        at++;
        while (true) {
            at = skipSpaces(at, end);
            if (at >= end) {
                return false;
            }
            byte next = frame.getByte(at);
            if (next == '}') {
                break;
            }
            if (next == ',') {
                at++;
                continue;
            }
            if (next != '"') {
                return false;
            }
            int keyStart = at + 1;
            int keyEnd = keyStart;
            while (keyEnd < end && frame.getByte(keyEnd) != '"') {
                if (frame.getByte(keyEnd) == '\\') {
                    return false;
                }
                keyEnd++;
            }
            at = skipSpaces(keyEnd + 1, end);
            if (at >= end || frame.getByte(at) != ':') {
                return false;
            }
            at = skipSpaces(at + 1, end);
            if (at >= end) {
                return false;
            }
            at = value(keyStart, keyEnd, at, end);
            if (at < 0) {
                return false;
            }
        }
        if (typeStart < 0) {
            type = Type.OTHER;
        } else if (equal(typeStart, typeEnd, CHAT_MESSAGE)) {
            type = Type.CHAT_MESSAGE;
        } else if (equal(typeStart, typeEnd, CHAT_ACK)) {
            type = Type.ACK;
        } else if (equal(typeStart, typeEnd, ERROR)) {
            type = Type.ERROR;
        } else if (equal(typeStart, typeEnd, WELCOME)) {
            type = Type.WELCOME;
        } else {
            type = Type.OTHER;
        }
        return true;
    }

    /** Reads the value at {@code at} of the key between the offsets; returns where it ends, or -1 to give up. */
    private int value(int keyStart, int keyEnd, int at, int end) {
        byte first = bytes.getByte(at);
        if (first == '"') {
            int start = at + 1;
            int close = start;
            boolean escaped = false;
            while (close < end) {
                byte b = bytes.getByte(close);
                if (b == '"') {
                    break;
                }
                if (b == '\\') {
                    escaped = true;
                    close++;
                }
                close++;
            }
            if (close >= end) {
                return -1;
            }
            boolean wanted = true;
            if (equal(keyStart, keyEnd, TYPE)) {
                typeStart = start;
                typeEnd = close;
            } else if (equal(keyStart, keyEnd, MESSAGE)) {
                messageStart = start;
                messageEnd = close;
            } else if (equal(keyStart, keyEnd, CLIENT_ID)) {
                clientIdStart = start;
                clientIdEnd = close;
            } else if (equal(keyStart, keyEnd, CODE)) {
                codeStart = start;
                codeEnd = close;
            } else {
                wanted = false;
            }
            return escaped && wanted ? -1 : close + 1;
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            boolean integer = true;
            long number = 0;
            int stop = at;
            if (first == '-') {
                integer = false;
                stop++;
            }
            while (stop < end) {
                byte b = bytes.getByte(stop);
                if (b >= '0' && b <= '9') {
                    number = number * 10 + (b - '0');
                } else if (b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') {
                    integer = false;
                } else {
                    break;
                }
                stop++;
            }
            if (equal(keyStart, keyEnd, SEQ) && integer && stop - at <= 18) {
                seq = number;
            }
            return stop;
        }
        if (first == 't' || first == 'f' || first == 'n') {
            int stop = at;
            while (stop < end && bytes.getByte(stop) >= 'a' && bytes.getByte(stop) <= 'z') {
                stop++;
            }
            return stop;
        }
        return -1; // an object or an array: not a flat frame
    }

    /** Whether the frame had a message written by the generator ({@link ChatPayload}); if so reads its fields. */
    boolean payload() {
        if (messageStart < 0 || messageEnd - messageStart < PAYLOAD_PREFIX.length + 7
                || !equal(messageStart, messageStart + PAYLOAD_PREFIX.length, PAYLOAD_PREFIX)) {
            return false;
        }
        int at = messageStart + PAYLOAD_PREFIX.length;
        int slotEnd = digitsEnd(at, messageEnd);
        int counterEnd = digitsEnd(slotEnd + 1, messageEnd);
        int microsEnd = digitsEnd(counterEnd + 1, messageEnd);
        if (slotEnd == at || slotEnd > at + 9 || counterEnd == slotEnd + 1 || counterEnd > slotEnd + 10
                || microsEnd == counterEnd + 1 || microsEnd > counterEnd + 19 || microsEnd + 1 >= messageEnd
                || bytes.getByte(slotEnd) != ' ' || bytes.getByte(counterEnd) != ' '
                || bytes.getByte(microsEnd) != ' ') {
            return false;
        }
        slot = (int) number(at, slotEnd);
        long count = number(slotEnd + 1, counterEnd);
        if (count > Integer.MAX_VALUE) {
            return false;
        }
        counter = (int) count;
        sentMicros = number(counterEnd + 1, microsEnd);
        measured = ChatPayload.measuredOf(bytes.getByte(microsEnd + 1));
        return true;
    }

    /** Whether the frame had one of the generator's client_ids ({@code COUNTER.SENT_MICROS FLAG}); if so reads it. */
    boolean clientId() {
        if (clientIdStart < 0) {
            return false;
        }
        int counterEnd = digitsEnd(clientIdStart, clientIdEnd);
        int microsEnd = digitsEnd(counterEnd + 1, clientIdEnd);
        if (counterEnd == clientIdStart || counterEnd > clientIdStart + 10 || counterEnd >= clientIdEnd
                || bytes.getByte(counterEnd) != '.' || microsEnd == counterEnd + 1 || microsEnd > counterEnd + 19
                || microsEnd != clientIdEnd - 1) {
            return false;
        }
        long count = number(clientIdStart, counterEnd);
        if (count > Integer.MAX_VALUE) {
            return false;
        }
        counter = (int) count;
        sentMicros = number(counterEnd + 1, microsEnd);
        measured = ChatPayload.measuredOf(bytes.getByte(microsEnd));
        return true;
    }

    /** An error frame's code (allocates: errors are rare), or "" without one. */
    String code() {
        return codeStart < 0 ? "" : bytes.getString(codeStart, codeEnd, StandardCharsets.UTF_8.name());
    }

    private int digitsEnd(int from, int end) {
        int at = from;
        while (at < end && bytes.getByte(at) >= '0' && bytes.getByte(at) <= '9') {
            at++;
        }
        return at;
    }

    private long number(int from, int to) {
        long value = 0;
        for (int at = from; at < to; at++) {
            value = value * 10 + (bytes.getByte(at) - '0');
        }
        return value;
    }

    private int skipSpaces(int from, int end) {
        int at = from;
        while (at < end) {
            byte b = bytes.getByte(at);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            at++;
        }
        return at;
    }

    private boolean equal(int start, int end, byte[] word) {
        if (end - start != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (bytes.getByte(start + i) != word[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
