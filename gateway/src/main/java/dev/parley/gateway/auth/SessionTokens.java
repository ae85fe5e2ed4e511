package dev.parley.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed sessions: the cookie holds the user's name and an expiry, signed with HMAC-SHA256 under the gateways'
 * shared secret, so any gateway of the deployment can check it without a lookup, and nobody can forge one.
 */
public final class SessionTokens {

    public static final String COOKIE = "parley_session";
    public static final Duration LIFETIME = Duration.ofDays(14);

    private final SecretKeySpec key;
    private final Clock clock;

    public SessionTokens(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** A token naming this user, valid for {@link #LIFETIME}. */
    public String issue(String name) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String payload = encode(name.getBytes(StandardCharsets.UTF_8)) + "." + expires;
        return payload + "." + encode(sign(payload));
    }

    /**
     * The user a token names, if its signature is right and it has not expired. The signature must be written as
     * {@link #issue} writes it: base64 has several spellings of one value (the unused low bits of the last
     * character), and a token that verified under any of them could be altered without its signer.
     */
    Optional<String> verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        try {
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!encode(signature).equals(parts[2])
                    || !MessageDigest.isEqual(signature, sign(payload))
                    || Long.parseLong(parts[1]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // not base64, or not a number
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
