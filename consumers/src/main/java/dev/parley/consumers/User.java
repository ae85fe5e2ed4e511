package dev.parley.consumers;

import java.util.Objects;

/**
 * Who is on the other end of a connection.
 *
 * @param name  the display name, unique among signed-in users
 * @param guest true for a visitor who has not signed in
 */
public record User(String name, boolean guest) {

    public User {
        Objects.requireNonNull(name, "name");
    }

    public static User guest(String name) {
        return new User(name, true);
    }

    /** A user who signed in with an account of this name. */
    public static User registered(String name) {
        return new User(name, false);
    }
}
