package dev.parley.gateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Password hashing with bcrypt: slow and salted, on worker threads, never on an event loop. Passwords longer than
 * bcrypt's 72 bytes are first hashed with SHA-512, so every character counts.
 */
public final class Passwords {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;
    /** About 0.2 s of one core on the machine of docs/benchmarks.md: cheap for a person, dear for a guesser. */
    private static final int COST = 12;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final BCrypt.Hasher HASHER = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private static final BCrypt.Verifyer VERIFYER =
            BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));

    private final Vertx vertx;

    public Passwords(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Why a new password cannot be used, if it cannot. */
    public static Optional<String> problemWith(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("the password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    public Future<String> hash(String password) {
        return vertx.executeBlocking(() -> HASHER.hashToString(COST, password.toCharArray()), false);
    }

    /** Whether the password matches the hash; with no hash (unknown name) always false, after as long a wait. */
    public Future<Boolean> matches(String password, Optional<String> hash) {
        return vertx.executeBlocking(() -> VERIFYER.verify(password.toCharArray(), hash.orElse(Nobody.HASH)).verified
                && hash.isPresent(), false);
    }

    /**
     * Checked against when the name is unknown, so that an unknown name takes as long as a wrong password. Made on
     * first use, on a worker thread: a bcrypt hash at start would hold up an event loop.
     */
    private static final class Nobody {
        static final String HASH = HASHER.hashToString(COST, "no account has this password".toCharArray());
    }
}
