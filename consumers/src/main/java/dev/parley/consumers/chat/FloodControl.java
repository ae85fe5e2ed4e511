package dev.parley.consumers.chat;

import dev.parley.consumers.User;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Rate limits of one gateway: frames per connection (of any kind, even invalid ones) and chat messages per user
 * (across a signed-in user's connections to this gateway; per connection for a guest, whose name proves nothing, so
 * that one guest cannot spend another's allowance by taking the same name). Over a limit a frame is refused with
 * {@code rate_limited}; a connection refused {@value #STRIKES_TO_CLOSE} times within {@value #STRIKE_WINDOW_SECONDS}
 * s is flooding and is closed with 1008.
 *
 * @see ChatSettings#messagesPerSecond()
 */
public final class FloodControl {

    static final int STRIKES_TO_CLOSE = 30;
    static final int STRIKE_WINDOW_SECONDS = 10;
    private static final int FORGET_AFTER_USERS = 10_000;

    private final double framesPerSecond;
    private final double messagesPerSecond;
    private final Map<String, TokenBucket> users = new ConcurrentHashMap<>();

    /** Limits of {@code framesPerSecond} (burst twice that) and {@code messagesPerSecond} (burst three times). */
    public FloodControl(double framesPerSecond, double messagesPerSecond) {
        this.framesPerSecond = framesPerSecond;
        this.messagesPerSecond = messagesPerSecond;
    }

    /** No limits, for tests and trusted clients. */
    public static FloodControl unlimited() {
        return new FloodControl(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
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

        private final TokenBucket frames = Double.isInfinite(framesPerSecond) ? null
                : new TokenBucket(framesPerSecond, 2 * framesPerSecond, System.nanoTime());
        private final TokenBucket guestMessages = Double.isInfinite(messagesPerSecond) ? null
                : new TokenBucket(messagesPerSecond, 3 * messagesPerSecond, System.nanoTime());
        private int strikes;
        private long strikesSince;

        /** Whether another frame may be handled now. */
        boolean frameAllowed() {
            return frames == null || frames.tryTake(System.nanoTime()) || struck();
        }

        /** Whether {@code user} may post another message now: a guest from this connection's own allowance. */
        boolean messageAllowed(User user) {
            long now = System.nanoTime();
            boolean allowed = user.guest()
                    ? guestMessages == null || guestMessages.tryTake(now)
                    : FloodControl.this.messageAllowed(user.name(), now);
            return allowed || struck();
        }

        /** Whether the connection has been refused so often lately that it should be closed. */
        boolean flooding() {
            return strikes >= STRIKES_TO_CLOSE;
        }

        /** Counts a refusal; always false, so that it reads as "allowed: no". */
        private boolean struck() {
            long now = System.nanoTime();
            if (now - strikesSince > TimeUnit.SECONDS.toNanos(STRIKE_WINDOW_SECONDS)) {
                strikes = 0;
                strikesSince = now;
            }
            strikes++;
            return false;
        }
    }
}
