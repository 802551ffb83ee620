package io.haneul.sns.domain;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which HTTP/S endpoints SNS may deliver to ({@code --sns-http-allow}); see docs/sns.md.
 *
 * <ul>
 *   <li>Empty (the default): any public address. Loopback, link-local (169.254.169.254), private,
 *       shared (100.64/10), unspecified, multicast and reserved addresses ({@link ReservedRanges})
 *       are refused, so that subscribers cannot use Haneul to reach its own internal routes or the
 *       services of its network.</li>
 *   <li>A comma-separated list of CIDR blocks, single addresses and range names
 *       ({@code loopback}, {@code private}, {@code link-local}, {@code shared}, {@code public}, ...):
 *       only addresses inside the list. An explicit block wins over the reserved ranges, so
 *       {@code loopback} or {@code 127.0.0.0/8,::1/128} lets local development deliver to
 *       localhost; {@code loopback,public} adds it to the default.</li>
 *   <li>Anything else is a regular expression the whole endpoint URL must match; the addresses
 *       must still be public (a pattern over names cannot say where a name resolves to).</li>
 * </ul>
 *
 * <p>Addresses are judged by {@link #allowsAddress} for every connection after the name was
 * resolved ({@code HttpSender} connects only to the addresses judged), never once per
 * subscription: a name that resolves elsewhere later (DNS rebinding) is judged again.
 */
public final class HttpTargetRule {

    private final String spec;
    private final Pattern urlPattern;
    private final List<Cidr> allowed;
    private final boolean publicAllowed;

    private HttpTargetRule(String spec, Pattern urlPattern, List<Cidr> allowed, boolean publicAllowed) {
        this.spec = spec;
        this.urlPattern = urlPattern;
        this.allowed = allowed;
        this.publicAllowed = publicAllowed;
    }

    public static HttpTargetRule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return new HttpTargetRule("", null, List.of(), true);
        }
        Optional<List<Cidr>> list = addressList(spec);
        if (list.isPresent()) {
            boolean withPublic = List.of(spec.split(",")).stream().anyMatch(p -> p.trim().equals("public"));
            return new HttpTargetRule(spec, null, list.get(), withPublic);
        }
        try {
            return new HttpTargetRule(spec, Pattern.compile(spec), List.of(), true);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--sns-http-allow is neither an address list nor a regular expression: " + spec, e);
        }
    }

    /** The blocks of a list of CIDR blocks, addresses and range names, or empty when {@code spec} is not such a list. */
    private static Optional<List<Cidr>> addressList(String spec) {
        List<Cidr> blocks = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.equals("public")) {
                continue;
            }
            Optional<List<Cidr>> named = ReservedRanges.named(p);
            Optional<Cidr> block = Cidr.parse(p);
            if (named.isPresent()) {
                blocks.addAll(named.get());
            } else if (block.isPresent()) {
                blocks.add(block.get());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(blocks));
    }

    public String spec() {
        return spec;
    }

    /**
     * What can be judged from the URL alone, at Subscribe and before each delivery: the pattern,
     * and the address when the host is an address literal. Names are judged when connecting.
     */
    public boolean allowsUrl(String url) {
        if (urlPattern != null && !urlPattern.matcher(url).matches()) {
            return false;
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
        byte[] literal = Ip.parse(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
        return literal == null || allowsAddress(literal);
    }

    /** Whether SNS may connect to this address (one the endpoint's host resolved to). */
    public boolean allowsAddress(InetAddress address) {
        return allowsAddress(address.getAddress());
    }

    boolean allowsAddress(byte[] address) {
        byte[] carried = ReservedRanges.embeddedIpv4(address);
        for (Cidr c : allowed) {
            if (c.contains(address) || c.contains(carried)) {
                return true;
            }
        }
        return publicAllowed && ReservedRanges.of(address).isEmpty();
    }
}
