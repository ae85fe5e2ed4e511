package dev.parley.gateway.auth;

import dev.parley.accounts.NameKey;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for display names (docs/protocol.md), which account names follow too. Which names count as the same
 * name is {@link NameKey}'s job.
 */
public final class DisplayNames {

    public static final int MAX_LENGTH = 32;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N} ._-]+");

    private DisplayNames() {
    }

    public static boolean isValid(String name) {
        int length = name.codePointCount(0, name.length());
        return length >= 1 && length <= MAX_LENGTH
                && !name.startsWith(" ") && !name.endsWith(" ")
                && ALLOWED.matcher(name).matches();
    }

    /**
     * Why a name that follows the rule still cannot be used, if it cannot: it spells out too long for the accounts'
     * key (issue 17, finding 10), or it looks like a name the server gives guests.
     */
    public static Optional<String> problemBeyondTheRule(String name) {
        if (!NameKey.fits(name)) {
            return Optional.of("the name is too long once its characters are spelled out: at most "
                    + NameKey.MAX_LENGTH + " characters under Unicode NFKC (one \uFDFA alone spells out to 18)");
        }
        if (NameKey.looksLikeGuestName(name)) {
            return Optional.of("names starting with \"guest-\" (or looking like it) are kept for guests: "
                    + "the server gives them out");
        }
        return Optional.empty();
    }

    /** Why a guest cannot have this name by its look alone, if it cannot (registered names are checked apart). */
    static Optional<String> problemForGuest(String name) {
        if (!isValid(name)) {
            return Optional.of("a name has 1 to " + MAX_LENGTH + " letters, digits, spaces, '-', '_' or '.', and "
                    + "does not start or end with a space");
        }
        return problemBeyondTheRule(name);
    }
}
