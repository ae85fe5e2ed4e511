package dev.parley.gateway;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for display names (docs/protocol.md), which account names follow too, and generated guest names.
 */
final class DisplayNames {

    static final int MAX_LENGTH = 32;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N} ._-]+");
    private static final char[] GUEST_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DisplayNames() {
    }

    static boolean isValid(String name) {
        int length = name.codePointCount(0, name.length());
        return length >= 1 && length <= MAX_LENGTH
                && !name.startsWith(" ") && !name.endsWith(" ")
                && ALLOWED.matcher(name).matches();
    }

    /** {@code guest-} and six letters and digits, without look-alikes such as l, 1, o and 0. */
    static String guestName() {
        StringBuilder name = new StringBuilder("guest-");
        for (int i = 0; i < 6; i++) {
            name.append(GUEST_ALPHABET[RANDOM.nextInt(GUEST_ALPHABET.length)]);
        }
        return name.toString();
    }
}
