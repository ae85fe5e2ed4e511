package dev.parley.gateway.auth;

import io.vertx.core.MultiMap;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which web pages may open a WebSocket here or call the account API, against cross-site WebSocket hijacking and
 * request forgery (Channels' {@code AllowedHostsOriginValidator}). Browsers always send {@code Origin}; a request
 * whose origin is not allowed is refused with 403 before any consumer or handler runs.
 *
 * <ul>
 *   <li>Without a list ({@code CHAT_ALLOWED_ORIGINS} unset): only pages served by this host, over the scheme the
 *       request came by: an {@code http://} origin when it came over plain HTTP, an {@code https://} one when over
 *       TLS, or, behind a trusted proxy ({@code CHAT_TRUST_PROXY}), when its {@code X-Forwarded-Proto} says
 *       {@code https}; host and port those of the request's {@code Host}. Any other scheme ({@code file://},
 *       {@code ws://}, an {@code https://} page for a plain request) is another origin, as browsers count them.</li>
 *   <li>With a list: exactly those origins ({@code https://chat.example.com}); {@code *} allows every page.</li>
 *   <li>No {@code Origin} at all: allowed. Only programs that are not browsers omit it (command-line clients, load
 *       generators), and they cannot be made to act for a signed-in user by another site.</li>
 * </ul>
 */
public final class OriginPolicy {

    private final List<String> allowed;
    private final boolean trustProxy;

    /**
     * @param allowed    origins such as {@code https://chat.example.com}, or {@code *}; empty: this host only
     * @param trustProxy whether {@code X-Forwarded-Proto} tells the scheme a client used (a proxy in front sets it)
     */
    public OriginPolicy(List<String> allowed, boolean trustProxy) {
        this.allowed = allowed.stream().map(OriginPolicy::normalized).toList();
        this.trustProxy = trustProxy;
    }

    /** Whether a request with these headers, which arrived over TLS or not, comes from an allowed page. */
    public boolean allows(MultiMap headers, boolean tls) {
        return allows(name -> Optional.ofNullable(headers.get(name)), tls);
    }

    /** Whether a request whose headers this function gives (by lower-case name) comes from an allowed page. */
    public boolean allows(Function<String, Optional<String>> header, boolean tls) {
        Optional<String> origin = header.apply("origin");
        if (origin.isEmpty() || allowed.contains("*")) {
            return true;
        }
        String asked = normalized(origin.get());
        if (!allowed.isEmpty()) {
            return allowed.contains(asked);
        }
        String scheme = schemeOf(header, tls);
        Optional<String> host = header.apply("host");
        return host.isPresent() && authorityOf(asked, scheme).equals(Optional.of(withDefaultPort(host.get(), scheme)));
    }

    /** The scheme the client used: https over TLS, or when a trusted proxy's last X-Forwarded-Proto says so. */
    private String schemeOf(Function<String, Optional<String>> header, boolean tls) {
        if (tls) {
            return "https";
        }
        String forwarded = trustProxy ? header.apply("x-forwarded-proto").orElse(null) : null;
        if (forwarded != null) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].trim().equalsIgnoreCase("https") ? "https" : "http";
        }
        return "http";
    }

    /** {@code scheme://host[:port]} as browsers send it, lower-cased, without a trailing slash. */
    private static String normalized(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /**
     * {@code host:port} of an origin of the given scheme, with the scheme's default port when it names none; empty
     * for another scheme, for "null" (sandboxed frames, files) and for anything more than an origin.
     */
    private static Optional<String> authorityOf(String origin, String scheme) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || !scheme.equals(uri.getScheme()) || uri.getRawUserInfo() != null
                    || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
            return Optional.of(uri.getHost() + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The Host header as {@code host:port}; a Host without a port means the scheme's default one. */
    private static String withDefaultPort(String host, String scheme) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        boolean hasPort = lower.startsWith("[") ? lower.contains("]:") : lower.contains(":");
        return hasPort ? lower : lower + ":" + defaultPort(scheme);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
