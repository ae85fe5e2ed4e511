package dev.parley.gateway;

import dev.parley.consumers.accounts.Account;
import dev.parley.consumers.chat.TokenBucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How often passwords may be tried ({@code CHAT_SIGNIN_ATTEMPTS_PER_MINUTE}): so many attempts a minute from one
 * client address (sign-ins and sign-ups, each costing a bcrypt hash), and so many sign-ins a minute for one account
 * name from anywhere, so that guessing one user's password from many addresses is as slow as from one. Each is a
 * token bucket with a burst of a minute's worth. An attempt over either is refused before any password is checked.
 *
 * <p>Kept in memory on each gateway, for the most recently seen {@value #REMEMBERED} addresses and names each: an
 * attacker would need that many others within a minute to make one forgotten.
 */
final class SignInThrottle {

    static final int REMEMBERED = 100_000;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> byAddress = recent();
    private final Map<String, TokenBucket> byName = recent();

    /** @param perMinute attempts a minute for each address and each name; 0: no limit */
    SignInThrottle(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /**
     * Counts an attempt from {@code address}, a sign-in to {@code name} if given; empty if it may go ahead, else how
     * long to wait before the next.
     */
    synchronized Optional<Duration> attempt(String address, Optional<String> name) {
        if (perMinute == 0) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        boolean allowed = bucket(byAddress, address, now).tryTake(now)
                && name.map(n -> bucket(byName, Account.keyOf(n), now).tryTake(now)).orElse(true);
        return allowed ? Optional.empty() : Optional.of(Duration.ofSeconds((59 + perMinute) / perMinute));
    }

    private TokenBucket bucket(Map<String, TokenBucket> buckets, String key, long now) {
        return buckets.computeIfAbsent(key, k -> new TokenBucket(perMinute / 60.0, perMinute, now));
    }

    /** A map that forgets its least recently used entry beyond {@link #REMEMBERED}. */
    private static Map<String, TokenBucket> recent() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
