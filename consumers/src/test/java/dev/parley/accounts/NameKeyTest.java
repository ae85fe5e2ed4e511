package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 17, findings 3, 4 and 10: which names are one name, which look like guest names, which do not fit. */
class NameKeyTest {

    @Test
    void theLookAlikesTheProbeTookAreOneName() {
        assertThat(NameKey.of("\u043Elga")).as("Cyrillic о").isEqualTo(NameKey.of("olga"));
        assertThat(NameKey.of("olga\u034F")).as("combining grapheme joiner").isEqualTo(NameKey.of("olga"));
        assertThat(NameKey.of("olga\uFE0F")).as("variation selector 16").isEqualTo(NameKey.of("olga"));
        assertThat(NameKey.of("olga.")).as("trailing dot").isEqualTo(NameKey.of("olga"));
        assertThat(NameKey.of("\u0430lice")).as("Cyrillic а").isEqualTo(NameKey.of("alice"));
    }

    @Test
    void invisibleCodePointsDoNotCount() {
        for (String invisible : new String[] {"\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u180E",
                "\uFE00", "\uDB40\uDD00" /* U+E0100, a variation selector supplement */}) {
            assertThat(NameKey.of("ol" + invisible + "ga")).as("U+%04X", invisible.codePointAt(0))
                    .isEqualTo(NameKey.of("olga"));
        }
    }

    @Test
    void caseWidthSeparatorsAndDigitsThatLookLikeLettersDoNotCount() {
        String olga = NameKey.of("olga");
        assertThat(NameKey.of("OLGA")).isEqualTo(olga);
        assertThat(NameKey.of("\uFF4F\uFF4C\uFF47\uFF41")).as("full width").isEqualTo(olga);
        assertThat(NameKey.of("0lga")).as("zero for o").isEqualTo(olga);
        assertThat(NameKey.of("o l-g_a")).isEqualTo(olga);
        assertThat(NameKey.of("\uA4F8olga")).as("Lisu letter that looks like a dot").isEqualTo(olga);
    }

    @Test
    void differentNamesStayDifferent() {
        assertThat(NameKey.of("olga")).isNotEqualTo(NameKey.of("olgas"));
        assertThat(NameKey.of("alice")).isNotEqualTo(NameKey.of("alyce"));
        assertThat(NameKey.of("\u041E\u043B\u044C\u0433\u0430")).as("Ольга, in Cyrillic throughout")
                .isNotEqualTo(NameKey.of("olga"));
        assertThat(NameKey.of("Zoë")).isNotEqualTo(NameKey.of("Zoe"));
    }

    @Test
    void namesThatLookLikeTheServersGuestNamesAreReserved() {
        assertThat(NameKey.looksLikeGuestName("guest-ab23cd")).isTrue();
        assertThat(NameKey.looksLikeGuestName("GUEST-ab23cd")).isTrue();
        assertThat(NameKey.looksLikeGuestName("guest_x")).isTrue();
        assertThat(NameKey.looksLikeGuestName("guest.x")).isTrue();
        assertThat(NameKey.looksLikeGuestName("g\u057Dest-x")).as("Armenian ս").isTrue();
        assertThat(NameKey.looksLikeGuestName("gu\u200Best-x")).as("zero-width space").isTrue();
        assertThat(NameKey.looksLikeGuestName("guesthouse")).isFalse();
        assertThat(NameKey.looksLikeGuestName("my guest-x")).isFalse();
    }

    @Test
    void aShortNameThatSpellsOutPastTheColumnDoesNotFit() {
        assertThat(NameKey.fits("\uFDFA".repeat(8))).as("8 × U+FDFA: 144 characters under NFKC").isFalse();
        assertThat(NameKey.fits("\uFDFA".repeat(7))).as("126 characters").isTrue();
        assertThat(NameKey.fits("a".repeat(32))).isTrue();
        assertThat(NameKey.fits("m".repeat(32))).as("m's skeleton is rn: 64").isTrue();
    }

    @Test
    void noKeyHoldsTheMarkOfALegacyKey() {
        assertThat(NameKey.of("a.b. c")).doesNotContain(NameKey.LEGACY_MARK);
        assertThat(NameKey.of("olga\uA4F8")).doesNotContain(NameKey.LEGACY_MARK);
    }
}
