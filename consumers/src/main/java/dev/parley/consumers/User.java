package dev.parley.consumers;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is on the other end of a connection.
 *
 * @param name        the display name, unique among signed-in users
 * @param guest       true for a visitor who has not signed in
 * @param nameRefused for a guest who asked for a name and did not get it, why (a sentence to show them)
 */
public record User(String name, boolean guest, Optional<String> nameRefused) {

    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameRefused, "nameRefused");
    }

    public User(String name, boolean guest) {
        this(name, guest, Optional.empty());
    }

    /**
     * Nobody in particular: the user of a scope before (or without) the middleware that tells who connected, like
     * Channels' {@code AnonymousUser}. A guest with an empty name.
     */
    public static User anonymous() {
        return new User("", true);
    }

    public static User guest(String name) {
        return new User(name, true);
    }

    /** A guest who asked for another name than {@code name}, and could not have it because of {@code why}. */
    public static User guestInstead(String name, String why) {
        return new User(name, true, Optional.of(why));
    }

    /** A user who signed in with an account of this name. */
    public static User registered(String name) {
        return new User(name, false);
    }
}
