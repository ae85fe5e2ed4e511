package dev.parley.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which addresses count as one client: IPv4 addresses alone, IPv6 addresses by their prefix. */
class AddressBlockTest {

    private final AddressBlock slash64 = new AddressBlock(64);

    @Test
    void everyAddressOfOneIpv6Slash64IsOneBlockAndTheNextSlash64IsAnother() {
        assertThat(slash64.of("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64")
                .isEqualTo(slash64.of("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo(slash64.of("2001:0DB8:0001:0002:0:0:0:0abc"))
                .isEqualTo(slash64.of("[2001:db8:1:2::9]"))
                .isEqualTo(slash64.of("2001:db8:1:2::9%eth0"));
        assertThat(slash64.of("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
    }

    @Test
    void thePrefixIsConfigurableDownToSingleAddresses() {
        assertThat(new AddressBlock(48).of("2001:db8:1:2::1")).isEqualTo(new AddressBlock(48).of("2001:db8:1:ff::1"))
                .isEqualTo("2001:db8:1::/48");
        assertThat(new AddressBlock(56).of("2001:db8:1:2ff::1")).isEqualTo("2001:db8:1:200::/56");
        assertThat(new AddressBlock(128).of("2001:db8::1")).isNotEqualTo(new AddressBlock(128).of("2001:db8::2"));
    }

    @Test
    void ipv4AddressesStayAloneAlsoWhenWrittenIpv4Mapped() {
        assertThat(slash64.of("192.0.2.1")).isEqualTo("192.0.2.1").isEqualTo(slash64.of("::ffff:192.0.2.1"));
        assertThat(slash64.of("192.0.2.2")).isNotEqualTo(slash64.of("192.0.2.1"));
    }

    @Test
    void whatIsNotAnAddressIsItsOwnKey() {
        assertThat(slash64.of("unknown")).isEqualTo("unknown");
        assertThat(slash64.of("2001:db8::zz")).isEqualTo("2001:db8::zz");
    }
}
