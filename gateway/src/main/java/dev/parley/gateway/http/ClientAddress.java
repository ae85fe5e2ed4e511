package dev.parley.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.Optional;

/**
 * The address a client connects from: the socket's peer, or behind a trusted load balancer
 * ({@code CHAT_TRUST_PROXY=true}) the last entry of {@code X-Forwarded-For}, which that balancer appended itself.
 * Earlier entries come from the client and prove nothing.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(SocketAddress peer, MultiMap headers, boolean trustProxy) {
        return of(peer == null ? "unknown" : peer.host(), Optional.ofNullable(headers.get("x-forwarded-for")),
                trustProxy);
    }

    /** The same, from the peer's host and the request's {@code X-Forwarded-For}, if it has one. */
    public static String of(String peerHost, Optional<String> forwardedFor, boolean trustProxy) {
        if (trustProxy && forwardedFor.isPresent() && !forwardedFor.get().isBlank()) {
            String[] hops = forwardedFor.get().split(",");
            return hops[hops.length - 1].trim();
        }
        return peerHost;
    }
}
