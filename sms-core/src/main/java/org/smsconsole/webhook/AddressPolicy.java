package org.smsconsole.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which network addresses an outgoing webhook may not reach: anything inside rather than out on the internet.
 * Loopback, link-local (169.254.0.0/16 with the cloud metadata service, fe80::/10), private ranges (10/8,
 * 172.16/12, 192.168/16, fc00::/7 and the old fec0::/10), the carrier-grade NAT range 100.64/10, "this network"
 * 0/8, unspecified, broadcast and multicast. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64,
 * 6to4) are judged by the IPv4 address inside.
 */
public final class AddressPolicy {

    private AddressPolicy() {
    }

    /** Why the address is inside (a few words), or empty when it is a public address. */
    public static Optional<String> inside(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> embedded = embeddedIpv4(v6.getAddress());
            if (embedded.isPresent()) {
                return inside(embedded.get());
            }
            byte[] b = v6.getAddress();
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private network (unique local fc00::/7)");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback (this machine)");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local (169.254.0.0/16, fe80::/10: e.g. a cloud metadata service)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private network");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("\"this network\" (0.0.0.0/8)");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("a carrier-grade NAT network (100.64.0.0/10)");
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return Optional.of("broadcast");
            }
            if (first == 127) {
                return Optional.of("loopback (this machine)");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address stands for: ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:aabb:ccdd::. */
    static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Optional.of(v4(b[12], b[13], b[14], b[15]));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(v4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address v4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
