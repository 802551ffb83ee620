package io.haneul.sns.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses an HTTP/S subscription must not reach unless the operator allows them
 * ({@code --sns-http-allow}): the server itself, its link-local neighbours (cloud metadata at
 * 169.254.169.254 among them), private and carrier-grade NAT networks, and addresses no endpoint
 * can have. Without this any account could make Haneul POST to its own internal routes or to
 * services on its network and read their answers back from dead letters.
 *
 * <p>IPv6 forms that carry an IPv4 address (mapped {@code ::ffff:0:0/96}, compatible {@code ::/96},
 * NAT64 {@code 64:ff9b::/96}) are judged by the IPv4 address they carry ({@link #embeddedIpv4}).
 */
public final class ReservedRanges {

    /** Each range's name (usable in {@code --sns-http-allow}) and blocks. */
    private static final Map<String, List<Cidr>> RANGES = ranges();

    private ReservedRanges() {
    }

    private static Map<String, List<Cidr>> ranges() {
        Map<String, List<Cidr>> r = new LinkedHashMap<>();
        r.put("loopback", List.of(Cidr.of("127.0.0.0/8"), Cidr.of("::1/128")));
        r.put("link-local", List.of(Cidr.of("169.254.0.0/16"), Cidr.of("fe80::/10")));
        r.put("private", List.of(Cidr.of("10.0.0.0/8"), Cidr.of("172.16.0.0/12"), Cidr.of("192.168.0.0/16"), Cidr.of("fc00::/7")));
        r.put("shared", List.of(Cidr.of("100.64.0.0/10")));
        r.put("unspecified", List.of(Cidr.of("0.0.0.0/8"), Cidr.of("::/128")));
        r.put("multicast", List.of(Cidr.of("224.0.0.0/4"), Cidr.of("ff00::/8")));
        // reserved: special-purpose blocks no webhook has, and IPv6 forms that tunnel or translate to IPv4
        // addresses this rule cannot see (6to4, Teredo, local NAT64, IPv4-translated, discard-only)
        r.put("reserved", List.of(Cidr.of("240.0.0.0/4"), Cidr.of("192.0.0.0/24"), Cidr.of("198.18.0.0/15"), Cidr.of("fec0::/10"),
                Cidr.of("192.0.2.0/24"), Cidr.of("198.51.100.0/24"), Cidr.of("203.0.113.0/24"), Cidr.of("2001:db8::/32"),
                Cidr.of("2002::/16"), Cidr.of("2001::/32"), Cidr.of("64:ff9b:1::/48"), Cidr.of("::ffff:0:0:0/96"), Cidr.of("100::/64")));
        return Map.copyOf(r);
    }

    /** The blocks of a named range, or empty when {@code name} names none. */
    public static Optional<List<Cidr>> named(String name) {
        return Optional.ofNullable(RANGES.get(name));
    }

    /** The name of the reserved range {@code address} lies in, or empty for a public address. */
    public static Optional<String> of(byte[] address) {
        byte[] a = embeddedIpv4(address);
        for (Map.Entry<String, List<Cidr>> e : RANGES.entrySet()) {
            for (Cidr c : e.getValue()) {
                if (c.contains(a)) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address carries (IPv4-mapped, IPv4-compatible or NAT64), else the
     * address as given; {@code ::} and {@code ::1} carry none.
     */
    public static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        boolean mapped = zero(address, 0, 10) && (address[10] & 0xFF) == 0xFF && (address[11] & 0xFF) == 0xFF;
        boolean compatible = zero(address, 0, 12) && !(zero(address, 12, 15) && (address[15] == 0 || address[15] == 1));
        boolean nat64 = address[0] == 0 && (address[1] & 0xFF) == 0x64 && (address[2] & 0xFF) == 0xFF
                && (address[3] & 0xFF) == 0x9B && zero(address, 4, 12);
        if (!mapped && !compatible && !nat64) {
            return address;
        }
        return java.util.Arrays.copyOfRange(address, 12, 16);
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
