package dev.parley.chat;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of the chat consumer.
 *
 * @param maxMessageLength the longest message accepted, in characters (Unicode code points)
 * @param clock            the time stamped on messages as {@code sent_at}
 */
public record ChatSettings(int maxMessageLength, Clock clock) {

    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4000;

    public ChatSettings {
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("maxMessageLength must be at least 1, got " + maxMessageLength);
        }
        Objects.requireNonNull(clock, "clock");
    }

    public static ChatSettings defaults() {
        return new ChatSettings(DEFAULT_MAX_MESSAGE_LENGTH, Clock.systemUTC());
    }

    public ChatSettings withClock(Clock newClock) {
        return new ChatSettings(maxMessageLength, newClock);
    }
}
