package dev.parley.layer;

import java.time.Duration;

/**
 * Capacity and expiry of a channel layer, with Django Channels' defaults.
 *
 * @param capacity      undelivered messages one channel may hold before a send fails with {@link ChannelFull}
 * @param messageExpiry how long an undelivered message waits before it is dropped
 * @param groupExpiry   how long a group membership lasts after its last {@code groupAdd}
 */
public record LayerConfig(int capacity, Duration messageExpiry, Duration groupExpiry) {

    public static final int DEFAULT_CAPACITY = 100;
    public static final Duration DEFAULT_MESSAGE_EXPIRY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_GROUP_EXPIRY = Duration.ofSeconds(86_400);

    public LayerConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        requirePositive("messageExpiry", messageExpiry);
        requirePositive("groupExpiry", groupExpiry);
    }

    /** Capacity 100, message expiry 60 s, group expiry 86 400 s. */
    public static LayerConfig defaults() {
        return new LayerConfig(DEFAULT_CAPACITY, DEFAULT_MESSAGE_EXPIRY, DEFAULT_GROUP_EXPIRY);
    }

    public LayerConfig withCapacity(int newCapacity) {
        return new LayerConfig(newCapacity, messageExpiry, groupExpiry);
    }

    public LayerConfig withMessageExpiry(Duration newExpiry) {
        return new LayerConfig(capacity, newExpiry, groupExpiry);
    }

    public LayerConfig withGroupExpiry(Duration newExpiry) {
        return new LayerConfig(capacity, messageExpiry, newExpiry);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
