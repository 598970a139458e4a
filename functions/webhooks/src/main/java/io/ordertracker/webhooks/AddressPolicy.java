package io.ordertracker.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses a webhook may reach: only public unicast ones. Refused, by class: unspecified, loopback, private
 * (RFC 1918, IPv6 unique local), link-local (the cloud metadata service 169.254.169.254 among them), carrier-grade
 * NAT (100.64.0.0/10, where some clouds put their metadata service too), multicast, broadcast and reserved ranges,
 * documentation and benchmarking ranges, and IPv6 addresses that embed an IPv4 one (IPv4-mapped, IPv4-compatible,
 * NAT64, 6to4) when the embedded address is refused. Loopback is allowed only when the caller says so (the local
 * runtime's flag, {@link EndpointUrls#LOCAL_FLAG}).
 */
public final class AddressPolicy {

    /** The class of a refused address (what the API and the delivery log name). */
    public enum Refused {
        UNSPECIFIED, LOOPBACK, PRIVATE, LINK_LOCAL, CGNAT, MULTICAST, RESERVED, METADATA
    }

    private AddressPolicy() {
    }

    /** Why {@code address} may not be reached, or empty when it may. */
    public static Optional<Refused> refusal(InetAddress address, boolean allowLoopback) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b, allowLoopback);
        }
        if (address instanceof Inet6Address) {
            return ipv6(b, allowLoopback);
        }
        return Optional.of(Refused.RESERVED);
    }

    private static Optional<Refused> ipv4(byte[] b, boolean allowLoopback) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        int a3 = b[3] & 0xff;
        if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
            return Optional.of(Refused.METADATA);
        }
        if (a0 == 0) {
            return Optional.of(Refused.UNSPECIFIED);
        }
        if (a0 == 127) {
            return allowLoopback ? Optional.empty() : Optional.of(Refused.LOOPBACK);
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of(Refused.PRIVATE);
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of(Refused.LINK_LOCAL);
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of(Refused.CGNAT);
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of(Refused.MULTICAST);
        }
        if (a0 >= 240 // reserved, and 255.255.255.255 broadcast
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, TEST-NET-1
                || (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) { // TEST-NET-2/3
            return Optional.of(Refused.RESERVED);
        }
        return Optional.empty();
    }

    private static Optional<Refused> ipv6(byte[] b, boolean allowLoopback) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ipv4(slice(b, 12), allowLoopback); // IPv4-mapped ::ffff:a.b.c.d
        }
        boolean firstFifteenZero = firstTenZero && b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0;
        if (firstFifteenZero && b[15] == 0) {
            return Optional.of(Refused.UNSPECIFIED);
        }
        if (firstFifteenZero && b[15] == 1) {
            return allowLoopback ? Optional.empty() : Optional.of(Refused.LOOPBACK);
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            return ipv4(slice(b, 12), allowLoopback).or(() -> Optional.of(Refused.RESERVED)); // IPv4-compatible ::a.b.c.d
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return ipv4(slice(b, 12), allowLoopback); // NAT64 64:ff9b::/96: judged by the IPv4 it reaches
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return ipv4(slice(b, 2), allowLoopback); // 6to4 2002::/16: judged by the embedded IPv4
        }
        if (b0 == 0xfd && b1 == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
            return Optional.of(Refused.METADATA); // fd00:ec2::254, EC2's IPv6 metadata service
        }
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of(Refused.PRIVATE); // unique local fc00::/7
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Optional.of(Refused.LINK_LOCAL); // fe80::/10
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Optional.of(Refused.PRIVATE); // deprecated site-local fec0::/10
        }
        if (b0 == 0xff) {
            return Optional.of(Refused.MULTICAST);
        }
        if ((b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) // documentation 2001:db8::/32
                || (b0 == 0x01 && b1 == 0x00 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0)
                || (b0 & 0xe0) != 0x20) { // discard-only 100::/64, and anything outside global unicast 2000::/3
            return Optional.of(Refused.RESERVED);
        }
        return Optional.empty();
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    /** Whether {@code address} is a loopback address (127.0.0.0/8, ::1, or IPv4-mapped 127/8). */
    public static boolean isLoopback(InetAddress address) {
        return address.isLoopbackAddress() || (address instanceof Inet6Address && refusal(address, false)
                .filter(r -> r == Refused.LOOPBACK).isPresent());
    }

    /** An address from its literal (tests). */
    static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
