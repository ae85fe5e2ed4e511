package dev.parley.accounts;

import java.util.Objects;

/**
 * A registered user: the name as they chose it, and their password's slow salted hash (never the password).
 *
 * @param name         the name shown to others, as registered
 * @param passwordHash the password hash, in the hashing library's own format
 */
public record Account(String name, String passwordHash) {

    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** What makes two names the same account: {@link NameKey#of}, so look-alikes are one name. */
    public static String keyOf(String name) {
        return NameKey.of(name);
    }
}
