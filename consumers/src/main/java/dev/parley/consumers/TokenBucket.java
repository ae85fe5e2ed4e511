package dev.parley.consumers;

/**
 * A token bucket: up to {@code burst} actions at once, then {@code perSecond} a second. Safe to share between
 * event loops (a user's connections may live on several).
 */
public final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long updatedAt;

    public TokenBucket(double perSecond, double burst, long now) {
        this.perNano = perSecond / 1_000_000_000.0;
        this.burst = burst;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Takes a token if there is one; {@code now} from {@link System#nanoTime}. */
    public synchronized boolean tryTake(long now) {
        tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
        updatedAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether it has been full for a while, i.e. unused: it can be forgotten. */
    public synchronized boolean idleSince(long since, long now) {
        return updatedAt < since && tokens + (now - updatedAt) * perNano >= burst;
    }
}
