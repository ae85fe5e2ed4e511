package dev.parley.chat;

import dev.parley.consumers.FrameRateLimit;
import dev.parley.consumers.Strikes;
import dev.parley.consumers.TokenBucket;
import dev.parley.consumers.User;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The chat's message rate of one gateway: chat messages per user (across a signed-in user's connections to this
 * gateway; per connection for a guest, whose name proves nothing, so that one guest cannot spend another's
 * allowance by taking the same name). Over it a message is refused with {@code rate_limited}; a connection refused
 * {@value Strikes#TO_CLOSE} times within {@value Strikes#WINDOW_SECONDS} s is flooding and is closed with 1008.
 * Frames of any kind are limited before they reach the consumer, by the {@link FrameRateLimit} middleware.
 */
public final class FloodControl {

    private static final int FORGET_AFTER_USERS = 10_000;

    private final double messagesPerSecond;
    private final Map<String, TokenBucket> users = new ConcurrentHashMap<>();

    /** A limit of {@code messagesPerSecond} (bursts of three times that); {@link Double#POSITIVE_INFINITY}: none. */
    public FloodControl(double messagesPerSecond) {
        this.messagesPerSecond = messagesPerSecond;
    }

    /** A limit of {@code limit} messages a second ({@code CHAT_MESSAGES_PER_SECOND}); 0 for none. */
    public static FloodControl perSecond(int limit) {
        return new FloodControl(limit == 0 ? Double.POSITIVE_INFINITY : limit);
    }

    /** No limit, for tests and trusted clients. */
    public static FloodControl unlimited() {
        return new FloodControl(Double.POSITIVE_INFINITY);
    }

    /** The limits of one connection. */
    Connection forConnection() {
        return new Connection();
    }

    private boolean messageAllowed(String user, long now) {
        if (Double.isInfinite(messagesPerSecond)) {
            return true;
        }
        if (users.size() > FORGET_AFTER_USERS) {
            forgetIdleUsers(now);
        }
        return users.computeIfAbsent(user, u -> new TokenBucket(messagesPerSecond, 3 * messagesPerSecond, now))
                .tryTake(now);
    }

    private void forgetIdleUsers(long now) {
        long minuteAgo = now - TimeUnit.MINUTES.toNanos(1);
        for (Iterator<TokenBucket> buckets = users.values().iterator(); buckets.hasNext(); ) {
            if (buckets.next().idleSince(minuteAgo, now)) {
                buckets.remove();
            }
        }
    }

    /** What a connection may still do; used from its event loop only. */
    final class Connection {

        private final TokenBucket guestMessages = Double.isInfinite(messagesPerSecond) ? null
                : new TokenBucket(messagesPerSecond, 3 * messagesPerSecond, System.nanoTime());
        private final Strikes strikes = new Strikes();

        /** Whether {@code user} may post another message now: a guest from this connection's own allowance. */
        boolean messageAllowed(User user) {
            long now = System.nanoTime();
            boolean allowed = user.guest()
                    ? guestMessages == null || guestMessages.tryTake(now)
                    : FloodControl.this.messageAllowed(user.name(), now);
            return allowed || strikes.strike();
        }

        /** Whether the connection has been refused so often lately that it should be closed. */
        boolean flooding() {
            return strikes.flooding();
        }
    }
}
