package io.haneul.core.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * CIDR matching for {@code IpAddress}/{@code NotIpAddress}: IPv4 ({@code 203.0.113.0/24}) and IPv6
 * ({@code 2001:db8::/32}); an address without a prefix length is one host. Only literal addresses
 * are parsed (never a name lookup), and an IPv4 address never falls in an IPv6 range.
 */
final class IpRanges {

    private IpRanges() {
    }

    /** Whether the policy's range is well formed. */
    static boolean valid(String cidr) {
        return parse(cidr) != null;
    }

    static boolean contains(String cidr, String address) {
        Range range = parse(cidr);
        byte[] ip = literal(address);
        if (range == null || ip == null || ip.length != range.network.length) {
            return false;
        }
        int bits = range.prefix;
        for (int i = 0; i < ip.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((ip[i] & mask) != (range.network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private record Range(byte[] network, int prefix) {
    }

    private static Range parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null) {
            return null;
        }
        int max = network.length * 8;
        if (slash < 0) {
            return new Range(network, max);
        }
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            return prefix < 0 || prefix > max ? null : new Range(network, prefix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The address's bytes, or null when it is not an IPv4 or IPv6 literal. */
    private static byte[] literal(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !(a.contains(":") && a.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
