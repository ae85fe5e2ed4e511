package dev.parley.gateway;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which web pages may open a WebSocket here, against cross-site WebSocket hijacking (Channels'
 * {@code AllowedHostsOriginValidator}). Browsers always send {@code Origin}; a handshake whose origin is not allowed
 * is refused with 403 before any consumer runs.
 *
 * <ul>
 *   <li>Without a list ({@code CHAT_ALLOWED_ORIGINS} unset): only pages served by this host, i.e. an origin whose
 *       host and port are the handshake's {@code Host}.</li>
 *   <li>With a list: exactly those origins ({@code https://chat.example.com}); {@code *} allows every page.</li>
 *   <li>No {@code Origin} at all: allowed. Only programs that are not browsers omit it (command-line clients, load
 *       generators), and they cannot be made to act for a signed-in user by another site.</li>
 * </ul>
 */
final class OriginPolicy {

    private final List<String> allowed;

    /** {@code allowed}: origins such as {@code https://chat.example.com}, or {@code *}; empty: this host only. */
    OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normalized).toList();
    }

    boolean allows(Optional<String> origin, Optional<String> host) {
        if (origin.isEmpty()) {
            return true;
        }
        if (allowed.contains("*")) {
            return true;
        }
        String asked = normalized(origin.get());
        if (!allowed.isEmpty()) {
            return allowed.contains(asked);
        }
        return host.isPresent() && authorityOf(asked).equals(Optional.of(withDefaultPort(host.get(), asked)));
    }

    /** {@code scheme://host[:port]} as browsers send it, lower-cased, without a trailing slash. */
    private static String normalized(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** {@code host:port} of an origin, with the scheme's default port when it names none. */
    private static Optional<String> authorityOf(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return Optional.empty(); // "null", from sandboxed frames and files: never this host
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            return Optional.of(uri.getHost() + ":" + port);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The Host header as {@code host:port}; a Host without a port means the origin scheme's default one. */
    private static String withDefaultPort(String host, String origin) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        boolean hasPort = lower.startsWith("[") ? lower.contains("]:") : lower.contains(":");
        if (hasPort) {
            return lower;
        }
        String scheme = origin.contains("://") ? origin.substring(0, origin.indexOf("://")) : "http";
        return lower + ":" + defaultPort(scheme);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }
}
