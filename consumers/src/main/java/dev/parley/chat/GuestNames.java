package dev.parley.chat;

import java.security.SecureRandom;

/** The names the server gives guests; nobody else may take a name like these (NameKey#looksLikeGuestName). */
public final class GuestNames {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private GuestNames() {
    }

    /** {@code guest-} and six letters and digits, without look-alikes such as l, 1, o and 0. */
    public static String generate() {
        StringBuilder name = new StringBuilder("guest-");
        for (int i = 0; i < 6; i++) {
            name.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return name.toString();
    }
}
