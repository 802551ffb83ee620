package io.haneul.apigateway.invoke;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP/1.1 request line and header section of a backend call, as bytes: the headers as given
 * (their values' line breaks and other control characters become spaces, so that no value can add a
 * header; a name that is not an HTTP token is left out), {@code Host} from the URI unless given, and
 * {@code Content-Length} from the body (also {@code 0} for an empty POST, PUT or PATCH).
 */
final class BackendRequestHead {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private BackendRequestHead() {
    }

    /** @throws IllegalArgumentException when the method is not an HTTP token */
    static byte[] of(String method, URI target, BackendDestination destination, List<Map.Entry<String, String>> headers,
                     int bodyLength) {
        if (!isToken(method)) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        StringBuilder b = new StringBuilder(256 + headers.size() * 48);
        String path = target.getRawPath();
        b.append(method).append(' ').append(path == null || path.isEmpty() ? "/" : path);
        if (target.getRawQuery() != null) {
            b.append('?').append(target.getRawQuery());
        }
        b.append(" HTTP/1.1\r\n");
        boolean host = false;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey();
            if (!isToken(name) || name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue; // the body's framing is this client's
            }
            host |= name.equalsIgnoreCase("Host");
            b.append(name).append(": ");
            appendValue(b, h.getValue());
            b.append("\r\n");
        }
        if (!host) {
            b.append("Host: ").append(destination.authority()).append("\r\n");
        }
        if (bodyLength > 0 || BODY_METHODS.contains(method)) {
            b.append("Content-Length: ").append(bodyLength).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void appendValue(StringBuilder b, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 && c != '\t' || c == 0x7f ? ' ' : c);
        }
    }

    /** RFC 9110's token: visible ASCII but for delimiters. */
    private static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= TOKEN.length || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    /** Which ASCII characters a token may have (a table: every header name of every call is checked). */
    private static final boolean[] TOKEN = new boolean[0x7f];

    static {
        for (char c = 0x21; c < 0x7f; c++) {
            TOKEN[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }
}
