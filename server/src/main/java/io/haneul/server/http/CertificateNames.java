package io.haneul.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names the HTTPS listener's certificate carries: {@code localhost}, the loopback addresses
 * ({@code 127.0.0.1}, {@code ::1}) and the listen host ({@code --host}), a DNS name or an IP address;
 * a wildcard host ({@code 0.0.0.0}, {@code ::}) adds nothing, since clients never name it.
 */
final class CertificateNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");

    private CertificateNames() {
    }

    static List<String> dnsNames(String host) {
        List<String> names = new ArrayList<>(List.of("localhost"));
        if (ip(host) == null && !host.equalsIgnoreCase("localhost")) {
            names.add(host);
        }
        return names;
    }

    static List<String> ips(String host) {
        List<String> ips = new ArrayList<>(LOOPBACK);
        InetAddress address = ip(host);
        if (address != null && !address.isAnyLocalAddress() && LOOPBACK.stream().map(CertificateNames::ip).noneMatch(address::equals)) {
            ips.add(address.getHostAddress());
        }
        return ips;
    }

    /** Whether {@code certificate} names {@code host} (a wildcard host: always). */
    static boolean cover(X509Certificate certificate, String host) throws CertificateParsingException {
        InetAddress address = ip(host);
        if (address != null && address.isAnyLocalAddress()) {
            return true;
        }
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (address == null ? type == DNS_NAME && value.equalsIgnoreCase(host) : type == IP_ADDRESS && address.equals(ip(value))) {
                return true;
            }
        }
        return false;
    }

    /** {@code host} as an IP address when it is one (brackets allowed around IPv6), else null; never a name lookup. */
    static InetAddress ip(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = IPV4.matcher(literal).matches();
        if (v4 ? Arrays.stream(literal.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255) : !literal.contains(":")) {
            return null; // a name (or 999.0.0.1, which InetAddress would look up as one)
        }
        try {
            return InetAddress.getByName(v4 ? literal : "[" + literal + "]"); // bracketed: parsed as IPv6 or refused, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
