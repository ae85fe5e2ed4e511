package dev.parley.accounts;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes two names the same name, for accounts and for guests alike (docs/security.md, "Look-alike names").
 * Two names are the same when they look alike: compatibility forms (NFKC), invisible code points (Unicode's
 * default ignorables, such as U+034F or the variation selectors), case, letters of other scripts that look the
 * same (Unicode TR39 confusable skeletons, from ICU's data) and the separators {@code space . _ -} do not count.
 * So "Olga", "оlga" (Cyrillic о), "olga" + U+FE0F, "olga." and "0lga" are all one name.
 *
 * <p>Case is folded before the skeleton is taken, so a capital I and a small l are not confused: folding after
 * would make "alice" and "ALICE" two names.
 */
public final class NameKey {

    /** The longest key (in UTF-16 units), and the longest name once spelled out (NFKC): the accounts' column. */
    public static final int MAX_LENGTH = 128;

    /**
     * What the key of an account starts with when migration V5 found it a look-alike of an older account: it keeps
     * its {@link #legacyOf} key behind this mark, which no {@link #of} key contains.
     */
    public static final String LEGACY_MARK = ".";

    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
    private static final UnicodeSet IGNORABLE = new UnicodeSet("[:Default_Ignorable_Code_Point:]").freeze();
    private static final Pattern SEPARATORS = Pattern.compile("[ ._-]");
    private static final Pattern GUEST_PREFIX = Pattern.compile("guest[ ._-].*", Pattern.DOTALL);

    private NameKey() {
    }

    /** The comparison key: equal keys, same name. */
    public static String of(String name) {
        return SEPARATORS.matcher(skeleton(name)).replaceAll("");
    }

    /**
     * Whether the name is one of the server's guest names or looks like one ({@code guest-…}, {@code GUEST_…},
     * {@code gսest-…} with an Armenian ս): only the server gives those out.
     */
    public static boolean looksLikeGuestName(String name) {
        return GUEST_PREFIX.matcher(skeleton(name)).matches();
    }

    /**
     * Whether the name and its key fit in {@value #MAX_LENGTH} characters once compatibility characters are
     * spelled out: a short name may be long then (U+FDFA alone is 18 characters under NFKC).
     */
    public static boolean fits(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).length() <= MAX_LENGTH
                && of(name).length() <= MAX_LENGTH;
    }

    /** The key as accounts were stored before migration V5: NFKC and lower case only. */
    public static String legacyOf(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The skeleton with the separators kept, in case-folded NFC. */
    private static String skeleton(String name) {
        String visible = withoutIgnorables(Normalizer.normalize(name, Normalizer.Form.NFKC));
        String skeleton = SKELETONS.getSkeleton(UCharacter.foldCase(visible, true));
        // The prototypes a skeleton maps to may be capitals (0 becomes O): fold again.
        return Normalizer.normalize(UCharacter.foldCase(skeleton, true), Normalizer.Form.NFC);
    }

    private static String withoutIgnorables(String text) {
        StringBuilder visible = new StringBuilder(text.length());
        text.codePoints().filter(c -> !IGNORABLE.contains(c)).forEach(visible::appendCodePoint);
        return visible.toString();
    }
}
