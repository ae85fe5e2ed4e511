package dev.parley.gateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request's {@code Transfer-Encoding} frames its body in a way every hop reads alike (RFC 9112 §6). The
 * gateway reads only {@code chunked}, alone. A request that names another coding, or names one with a
 * {@code Content-Length} too, could be framed differently by a proxy in front: one hop's body is then the next hop's
 * request (request smuggling). Such a request is answered and its connection closed, unread.
 */
public final class TransferCodings {

    private TransferCodings() {
    }

    /** Why a request with these header values cannot be read, as a status and a sentence; empty if it can. */
    static Optional<Refusal> check(List<String> transferEncodings, boolean hasContentLength) {
        if (transferEncodings.isEmpty()) {
            return Optional.empty();
        }
        List<String> codings = new ArrayList<>();
        for (String value : transferEncodings) {
            for (String coding : value.split(",")) {
                if (!coding.isBlank()) {
                    codings.add(coding.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
            return Optional.of(new Refusal(400, "Transfer-Encoding must end with chunked; this server reads "
                    + "chunked alone, or a Content-Length"));
        }
        if (hasContentLength) {
            return Optional.of(new Refusal(400, "A request may have Transfer-Encoding or Content-Length, not both"));
        }
        if (codings.size() > 1) {
            return Optional.of(new Refusal(501, "Transfer-Encoding: only chunked, alone, is supported"));
        }
        return Optional.empty();
    }

    /** The status and the sentence a refused request is answered with. */
    record Refusal(int status, String reason) {
    }
}
