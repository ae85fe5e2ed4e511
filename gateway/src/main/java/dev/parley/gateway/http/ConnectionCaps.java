package dev.parley.gateway.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many WebSockets each client address and each signed-in user holds open on this gateway, against one client
 * taking all of them ({@code CHAT_MAX_CONNECTIONS_PER_IP}, {@code CHAT_MAX_CONNECTIONS_PER_USER}; 0: no cap). An
 * IPv6 address counts together with the rest of its block ({@link AddressBlock}).
 */
public final class ConnectionCaps {

    private final int perAddress;
    private final int perUser;
    private final AddressBlock blocks;
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Integer> byUser = new ConcurrentHashMap<>();

    public ConnectionCaps(int perAddress, int perUser, AddressBlock blocks) {
        this.perAddress = perAddress;
        this.perUser = perUser;
        this.blocks = blocks;
    }

    /** Counts a new connection in, or says no when the address or the user is at its cap; release it when it ends. */
    public Optional<Runnable> admit(String clientAddress, Optional<String> user) {
        String address = blocks.of(clientAddress);
        if (!take(byAddress, address, perAddress)) {
            return Optional.empty();
        }
        if (user.isPresent() && !take(byUser, user.get(), perUser)) {
            give(byAddress, address);
            return Optional.empty();
        }
        return Optional.of(() -> {
            give(byAddress, address);
            user.ifPresent(name -> give(byUser, name));
        });
    }

    private static boolean take(Map<String, Integer> counts, String key, int cap) {
        boolean[] taken = {false};
        counts.compute(key, (k, open) -> {
            int now = open == null ? 0 : open;
            if (cap != 0 && now >= cap) {
                return open;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private static void give(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, open) -> open <= 1 ? null : open - 1);
    }
}
