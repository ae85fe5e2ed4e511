package dev.parley.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * The local addresses connections are bound to, used in turn. The kernel gives each (source address, destination
 * address and port) pair about 28 000 ephemeral ports, so one target takes more connections than that only from
 * several sources; every address of 127/8 is a loopback address on Linux.
 */
record SourceAddresses(List<String> addresses) {

    /** Let the kernel choose the source address. */
    static final SourceAddresses ANY = new SourceAddresses(List.of());

    /**
     * Parses {@code 127.0.0.1-127.0.0.8} (a range within the last byte), {@code 127.0.0.1,127.0.0.2} (a list), or
     * {@code 8} (that many loopback addresses from 127.0.0.1).
     */
    static SourceAddresses parse(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("\\d+")) {
            int count = Integer.parseInt(trimmed);
            if (count < 1 || count > 254) {
                throw new IllegalArgumentException("a count of source addresses must be from 1 to 254");
            }
            return range("127.0.0.1", "127.0.0." + count);
        }
        if (trimmed.contains("-")) {
            String[] ends = trimmed.split("-", 2);
            return range(ends[0].trim(), ends[1].trim());
        }
        List<String> addresses = new ArrayList<>();
        for (String address : trimmed.split(",")) {
            addresses.add(checkedAddress(address.trim()));
        }
        return new SourceAddresses(List.copyOf(addresses));
    }

    private static SourceAddresses range(String first, String last) {
        int[] from = octets(first);
        int[] to = octets(last);
        if (from[0] != to[0] || from[1] != to[1] || from[2] != to[2] || from[3] > to[3]) {
            throw new IllegalArgumentException("a range of source addresses varies in its last number only, "
                    + "upwards: 127.0.0.1-127.0.0.8");
        }
        List<String> addresses = new ArrayList<>();
        for (int last4 = from[3]; last4 <= to[3]; last4++) {
            addresses.add(from[0] + "." + from[1] + "." + from[2] + "." + last4);
        }
        return new SourceAddresses(List.copyOf(addresses));
    }

    private static String checkedAddress(String address) {
        octets(address);
        return address;
    }

    private static int[] octets(String address) {
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                octets[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            if (octets[i] < 0 || octets[i] > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
        }
        return octets;
    }

    /** How many clients to make: one per address, or one that lets the kernel choose. */
    int clientCount() {
        return Math.max(1, addresses.size());
    }

    @Override
    public String toString() {
        return addresses.isEmpty() ? "any" : String.join(",", addresses);
    }
}
