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
        return append(new StringBuilder(48), senderSlot, counter, sentMicros, measured ? 1 : 0, size).toString();
    }

    /**
     * Appends the message text of these fields to {@code text}, padded to at least {@code size} characters;
     * {@code measured} is 1 or 0 (see {@link #flag}).
     */
    static StringBuilder append(StringBuilder text, int senderSlot, int counter, long sentMicros, int measured,
                                int size) {
        int start = text.length();
        text.append(PREFIX).append(senderSlot).append(' ').append(counter).append(' ').append(sentMicros)
                .append(' ').append(flag(measured));
        while (text.length() - start < size) {
            text.append('~');
        }
        return text;
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
        return appendClientId(new StringBuilder(24), counter, sentMicros, measured ? 1 : 0).toString();
    }

    static StringBuilder appendClientId(StringBuilder text, int counter, long sentMicros, int measured) {
        return text.append(counter).append('.').append(sentMicros).append(flag(measured));
    }

    /** {@code m} for 1 (measured), {@code w} for 0 (warm-up), by arithmetic: see {@link GeneratorLoop}. */
    static char flag(int measured) {
        return (char) ('w' - 10 * measured);
    }

    /** 1 for {@code m}, 0 for {@code w}: the bit that tells them apart (0x6D and 0x77), again without a branch. */
    static int measuredOf(byte flag) {
        return (flag >> 3) & 1;
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
