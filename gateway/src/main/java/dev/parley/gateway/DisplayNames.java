package dev.parley.gateway;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Display names until sign-in exists: the name a client asks for with {@code ?name=}, if it follows the rule of
 * docs/protocol.md, else a generated guest name.
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

    /** The requested name if valid, else a new guest name. */
    static String chooseFor(Optional<String> requested) {
        return requested.filter(DisplayNames::isValid).orElseGet(DisplayNames::guestName);
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
