package dev.parley.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;

/**
 * The address a client connects from: the socket's peer, or behind a trusted load balancer
 * ({@code CHAT_TRUST_PROXY=true}) the last entry of {@code X-Forwarded-For}, which that balancer appended itself.
 * Earlier entries come from the client and prove nothing.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(SocketAddress peer, MultiMap headers, boolean trustProxy) {
        if (trustProxy) {
            String forwarded = headers.get("x-forwarded-for");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return peer == null ? "unknown" : peer.host();
    }
}
