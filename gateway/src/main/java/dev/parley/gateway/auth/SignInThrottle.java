package dev.parley.gateway.auth;

import dev.parley.accounts.Account;
import dev.parley.gateway.http.AddressBlock;
import dev.parley.layer.WindowCounter;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How often passwords may be tried ({@code CHAT_SIGNIN_ATTEMPTS_PER_MINUTE}): so many attempts a minute from one
 * client address (sign-ins and sign-ups, each costing a bcrypt hash), and so many sign-ins a minute for one account
 * name from anywhere, so that guessing one user's password from many addresses is as slow as from one. An attempt
 * over either is refused before any password is checked. An IPv6 address counts together with the rest of its block
 * ({@link AddressBlock}).
 *
 * <p>Counted in one-minute windows by the deployment's {@link WindowCounter} (Redis when gateways share one, so the
 * limits hold for the deployment, not per gateway); should that fail, by this gateway alone.
 */
public final class SignInThrottle {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final WindowCounter shared;
    private final WindowCounter local;
    private final AddressBlock blocks;

    /**
     * @param perMinute attempts a minute for each address and each name; 0: no limit
     * @param shared    the deployment's counts
     * @param local     this gateway's, for when the shared ones cannot be reached
     * @param blocks    which addresses count as one
     */
    public SignInThrottle(int perMinute, WindowCounter shared, WindowCounter local, AddressBlock blocks) {
        this.perMinute = perMinute;
        this.shared = shared;
        this.local = local;
        this.blocks = blocks;
    }

    /**
     * Counts an attempt from {@code address}, a sign-in to {@code name} if given: empty if it may go ahead, else how
     * long to wait before the next. An attempt refused for its address is not counted against the name.
     */
    public Future<Optional<Duration>> attempt(String address, Optional<String> name) {
        if (perMinute == 0) {
            return Future.succeededFuture(Optional.empty());
        }
        return waitFor("address:" + blocks.of(address)).compose(wait -> wait.isPresent() || name.isEmpty()
                ? Future.succeededFuture(wait)
                : waitFor("name:" + Account.keyOf(name.get())));
    }

    private Future<Optional<Duration>> waitFor(String subject) {
        String key = "signin:" + digest(subject); // names are whatever a client sends: keys of a bounded length
        return shared.count(key, WINDOW).recover(e -> local.count(key, WINDOW))
                .map(counted -> counted.count() <= perMinute ? Optional.<Duration>empty()
                        : Optional.of(Duration.ofSeconds(Math.max(1, (counted.remaining().toMillis() + 999) / 1000))));
    }

    private static String digest(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
