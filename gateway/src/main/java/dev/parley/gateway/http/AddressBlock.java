package dev.parley.gateway.http;

import io.netty.util.NetUtil;
import java.util.Arrays;

/**
 * The block of addresses that counts as one client for the per-address caps and the sign-in throttle: an IPv4
 * address on its own, an IPv6 address together with every other address of its /N ({@code CHAT_IPV6_PREFIX_LENGTH},
 * default /64). One home or one server is routinely given a whole /64, so counting single IPv6 addresses would give
 * each of them 2<sup>64</sup> allowances.
 */
public final class AddressBlock {

    private static final byte[] IPV4_MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final int ipv6PrefixLength;

    /** @param ipv6PrefixLength how many leading bits of an IPv6 address name its client, 1 to 128 */
    public AddressBlock(int ipv6PrefixLength) {
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("an IPv6 prefix is 1 to 128 bits, got " + ipv6PrefixLength);
        }
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /**
     * The key of the block {@code address} is in: the IPv4 address itself (also when written IPv4-mapped,
     * {@code ::ffff:192.0.2.1}), or {@code 2001:db8:1:2::/64} for an IPv6 address. Anything that is not an address
     * literal (such as "unknown") is its own key, unchanged.
     */
    public String of(String address) {
        String literal = address.trim();
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 16 && Arrays.equals(bytes, 0, 12, IPV4_MAPPED, 0, 12)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        if (bytes.length == 4) {
            return NetUtil.bytesToIpAddress(bytes);
        }
        for (int bit = ipv6PrefixLength; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return NetUtil.bytesToIpAddress(bytes) + "/" + ipv6PrefixLength;
    }
}
