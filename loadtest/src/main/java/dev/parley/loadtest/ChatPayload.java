package dev.parley.loadtest;

import java.util.Optional;

/**
 * The text of every message the generator sends: {@code lt SLOT COUNTER SENT_MICROS FLAG} and padding, where SLOT
 * is the sender's place among its room's senders, COUNTER counts its messages from 1, SENT_MICROS is the send time
 * in epoch microseconds, and FLAG is {@code m} for a measured message or {@code w} for a warm-up one.
 */
record ChatPayload(int senderSlot, int counter, long sentMicros, boolean measured) {

    private static final String PREFIX = "lt ";

    /** The message text, padded with {@code ~} to at least {@code size} characters. */
    String encode(int size) {
        StringBuilder text = new StringBuilder(48).append(PREFIX).append(senderSlot).append(' ').append(counter)
                .append(' ').append(sentMicros).append(' ').append(measured ? 'm' : 'w');
        while (text.length() < size) {
            text.append('~');
        }
        return text.toString();
    }

    /** The payload of a message the generator sent, or empty for any other text. */
    static Optional<ChatPayload> decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            int at = PREFIX.length();
            int space1 = text.indexOf(' ', at);
            int space2 = text.indexOf(' ', space1 + 1);
            int space3 = text.indexOf(' ', space2 + 1);
            if (space1 < 0 || space2 < 0 || space3 < 0 || space3 + 1 >= text.length()) {
                return Optional.empty();
            }
            return Optional.of(new ChatPayload(Integer.parseInt(text, at, space1, 10),
                    Integer.parseInt(text, space1 + 1, space2, 10),
                    Long.parseLong(text, space2 + 1, space3, 10),
                    text.charAt(space3 + 1) == 'm'));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The client_id of a rich-mode send: the counter and the send time, so the ack alone gives ack latency. */
    String clientId() {
        return counter + "." + sentMicros + (measured ? "m" : "w");
    }

    /** The send time and measured flag a client_id carries, or empty if it is not one of ours. */
    static Optional<ChatPayload> fromClientId(int senderSlot, String clientId) {
        int dot = clientId == null ? -1 : clientId.indexOf('.');
        if (dot < 1 || clientId.length() < dot + 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChatPayload(senderSlot, Integer.parseInt(clientId, 0, dot, 10),
                    Long.parseLong(clientId, dot + 1, clientId.length() - 1, 10),
                    clientId.endsWith("m")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
