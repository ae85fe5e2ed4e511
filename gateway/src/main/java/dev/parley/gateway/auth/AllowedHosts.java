package dev.parley.gateway.auth;

import dev.parley.gateway.http.PlainResponses;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The host names this service answers to ({@code CHAT_ALLOWED_HOSTS}, like Django's {@code ALLOWED_HOSTS}), against
 * DNS rebinding: a page of another site whose name an attacker pointed at this server sends its own name as
 * {@code Host}, and so would pass the Origin check of a same-host rule. Names without a port match any port; an
 * empty list allows every {@code Host}. The public port only: probes and scrapers ask the management port by address.
 */
public final class AllowedHosts {

    private final List<String> names;

    /** @param names such as {@code chat.example.com} or {@code chat.example.com:8443}, lower-case; empty: any */
    public AllowedHosts(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** Whether a request with this {@code Host} header is for this service. */
    public boolean allows(Optional<String> hostHeader) {
        if (names.isEmpty()) {
            return true;
        }
        if (hostHeader.isEmpty()) {
            return false;
        }
        String host = hostHeader.get().trim().toLowerCase(Locale.ROOT);
        return names.contains(host) || names.contains(withoutPort(host));
    }

    /** A route guard: a request for another host gets 400 and goes no further. */
    public void check(RoutingContext ctx) {
        if (allows(Optional.ofNullable(ctx.request().getHeader("host")))) {
            ctx.next();
        } else {
            PlainResponses.send(ctx, 400, "Unknown host: this server does not answer to that name.");
        }
    }

    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        boolean bracketed = host.startsWith("[");
        if (colon < 0 || (bracketed && colon < host.indexOf(']'))) {
            return host;
        }
        return host.substring(0, colon);
    }
}
