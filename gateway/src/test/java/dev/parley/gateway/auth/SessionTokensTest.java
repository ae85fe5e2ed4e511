package dev.parley.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Signed session tokens: what verifies, and the look-alikes of a token that must not. */
class SessionTokensTest {

    private final SessionTokens tokens = new SessionTokens("k".repeat(32).getBytes(StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void aTokenNamesTheUserItWasIssuedFor() {
        assertThat(tokens.verify(tokens.issue("Ada"))).hasValue("Ada");
    }

    @Test
    void theOtherSpellingsOfItsSignatureDoNotVerify() {
        String token = tokens.issue("Ada");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        // 32 bytes are 43 base64 characters: the last one carries 4 bits, the other 2 are unused. Every character
        // that differs from it in those 2 bits alone decodes to the very same bytes.
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(last);
        String body = token.substring(0, token.length() - 1);
        int spellings = 0;
        for (int unused = 1; unused < 4; unused++) {
            String other = body + alphabet.charAt((value & ~3) | ((value & 3) ^ unused));
            assertThat(tokens.verify(other)).as("signature ending in %s instead of %s", other.charAt(other.length() - 1),
                    last).isEmpty();
            spellings++;
        }
        assertThat(spellings).isEqualTo(3);
        assertThat(tokens.verify(token + "=")).as("with padding").isEmpty();
    }

    @Test
    void anExpiredOrTamperedTokenDoesNotVerify() {
        SessionTokens later = new SessionTokens("k".repeat(32).getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        String token = tokens.issue("Ada");
        assertThat(later.verify(token)).isEmpty();
        assertThat(tokens.verify(token.replaceFirst("^[^.]+", "R3JhY2U"))).as("another name").isEmpty();
        assertThat(tokens.verify("not.a.token")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
    }
}
