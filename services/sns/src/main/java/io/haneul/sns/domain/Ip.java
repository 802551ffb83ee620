package io.haneul.sns.domain;

/** IPv4/IPv6 literals and CIDR membership, without name resolution. */
public final class Ip {

    private Ip() {
    }

    /** The address bytes of an IPv4 or IPv6 literal, or null when {@code s} is not one (host names are never resolved). */
    public static byte[] parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (!parts[i].matches("\\d{1,3}")) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (!s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(s).getAddress();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** True when {@code ip} lies in {@code network/bits}; addresses of different families never match. */
    public static boolean inNetwork(byte[] ip, byte[] network, int bits) {
        if (ip.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (ip[full] & mask) == (network[full] & mask);
    }
}
