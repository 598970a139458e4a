package io.ordertracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.webhooks.AddressPolicy.Refused;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** One case (at least) per address class a webhook may not reach, IPv4 and IPv6, and the public ones it may. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", ":: , UNSPECIFIED",
            "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK",
            "10.0.0.1, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
            "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
            "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
            "100.64.0.1, CGNAT", "100.127.255.254, CGNAT", "100.100.100.200, CGNAT",
            "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST", "ff05::2, MULTICAST",
            "169.254.169.254, METADATA", "fd00:ec2::254, METADATA",
            "255.255.255.255, RESERVED", "240.0.0.1, RESERVED", "192.0.2.1, RESERVED", "198.18.0.1, RESERVED",
            "2001:db8::1, RESERVED", "100::1, RESERVED",
    })
    void refusesEveryClassThatIsNotPublic(String address, Refused expected) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address.trim()), false)).hasValue(expected);
    }

    /** IPv4 inside IPv6: mapped (Java turns those into IPv4 itself), compatible, NAT64 and 6to4 are judged by the IPv4. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "::ffff:127.0.0.1, LOOPBACK", "::ffff:10.1.2.3, PRIVATE", "::ffff:169.254.169.254, METADATA",
            "::ffff:100.64.1.1, CGNAT", "::127.0.0.1, LOOPBACK", "64:ff9b::a9fe:a9fe, METADATA",
            "64:ff9b::c0a8:0101, PRIVATE", "2002:0a00:0001::1, PRIVATE", "2002:7f00:0001::1, LOOPBACK",
    })
    void judgesAnEmbeddedIpv4ByItsOwnClass(String address, Refused expected) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address.trim()), false)).hasValue(expected);
    }

    @Test
    void anIpv4MappedAddressBuiltAsIpv6BytesIsStillJudgedByItsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(AddressPolicy.refusal(v6, false)).hasValue(Refused.PRIVATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e", "64:ff9b::808:808", "::ffff:8.8.8.8"})
    void allowsPublicUnicast(String address) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address), false)).isEmpty();
    }

    @Test
    void loopbackOnlyUnderTheLocalFlagAndNothingElseWithIt() throws Exception {
        for (String loopback : List.of("127.0.0.1", "::1", "::ffff:127.0.0.2")) {
            assertThat(AddressPolicy.refusal(InetAddress.getByName(loopback), true)).as(loopback).isEmpty();
            assertThat(AddressPolicy.refusal(InetAddress.getByName(loopback), false)).as(loopback).hasValue(Refused.LOOPBACK);
        }
        for (String other : List.of("10.0.0.1", "169.254.169.254", "::", "0.0.0.0", "fe80::1")) {
            assertThat(AddressPolicy.refusal(InetAddress.getByName(other), true)).as(other).isNotEqualTo(Optional.empty());
        }
    }
}
