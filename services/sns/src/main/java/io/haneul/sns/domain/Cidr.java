package io.haneul.sns.domain;

import java.util.Optional;

/**
 * A block of addresses, {@code network/bits}; a bare address is a block of one. Addresses of the
 * other family are never inside.
 */
public record Cidr(byte[] network, int bits) {

    /** The block {@code s} names ({@code 10.0.0.0/8}, {@code ::1/128}, {@code 127.0.0.1}), or empty when it names none. */
    public static Optional<Cidr> parse(String s) {
        int slash = s.indexOf('/');
        byte[] ip = Ip.parse(slash < 0 ? s : s.substring(0, slash));
        if (ip == null) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(new Cidr(ip, ip.length * 8));
        }
        String bits = s.substring(slash + 1);
        if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > ip.length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(ip, Integer.parseInt(bits)));
    }

    static Cidr of(String s) {
        return parse(s).orElseThrow(() -> new IllegalArgumentException(s));
    }

    public boolean contains(byte[] address) {
        return Ip.inNetwork(address, network, bits);
    }
}
