package io.haneul.sns.domain;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which HTTP/S endpoints SNS may deliver to ({@code --sns-http-allow}). Empty (the default) allows
 * everything, since local development targets localhost. A comma-separated list of CIDR blocks
 * allows hosts whose addresses (the literal, or every address the name resolves to) all lie in one
 * of them; anything else is a regular expression the whole endpoint URL must match.
 */
public final class HttpTargetRule {

    private record Block(byte[] network, int bits) {
    }

    private final String spec;
    private final Pattern pattern;
    private final List<Block> blocks;

    private HttpTargetRule(String spec, Pattern pattern, List<Block> blocks) {
        this.spec = spec;
        this.pattern = pattern;
        this.blocks = blocks;
    }

    public static HttpTargetRule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return new HttpTargetRule("", null, null);
        }
        List<Block> blocks = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int slash = p.indexOf('/');
            byte[] ip = slash > 0 ? Ip.parse(p.substring(0, slash)) : null;
            if (ip == null || !p.substring(slash + 1).matches("\\d{1,3}") || Integer.parseInt(p.substring(slash + 1)) > ip.length * 8) {
                blocks = null;
                break;
            }
            blocks.add(new Block(ip, Integer.parseInt(p.substring(slash + 1))));
        }
        if (blocks != null) {
            return new HttpTargetRule(spec, null, blocks);
        }
        try {
            return new HttpTargetRule(spec, Pattern.compile(spec), null);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--sns-http-allow is neither a CIDR list nor a regular expression: " + spec, e);
        }
    }

    public String spec() {
        return spec;
    }

    public boolean allows(String url) {
        if (pattern == null && blocks == null) {
            return true;
        }
        if (pattern != null) {
            return pattern.matcher(url).matches();
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<byte[]> addresses = new ArrayList<>();
        byte[] literal = Ip.parse(host);
        if (literal != null) {
            addresses.add(literal);
        } else {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    addresses.add(a.getAddress());
                }
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        for (byte[] a : addresses) {
            boolean in = false;
            for (Block b : blocks) {
                in |= Ip.inNetwork(a, b.network(), b.bits());
            }
            if (!in) {
                return false;
            }
        }
        return !addresses.isEmpty();
    }
}
