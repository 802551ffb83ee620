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
 *
 * <p>A value goes out as the bytes it came in as: the server reads a client's header bytes as
 * ISO-8859-1 characters, so a value whose characters all fit in one byte is written one byte per
 * character, and the bytes a client sent (UTF-8 included) reach the backend unchanged. A value with a
 * character beyond U+00FF can only come from the API's own configuration (a mapped literal, a stage
 * variable); it is written as UTF-8 rather than lost.
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
        String bytes = beyondOneByte(value) ? new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) : value;
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            b.append(c < 0x20 && c != '\t' || c == 0x7f ? ' ' : c);
        }
    }

    private static boolean beyondOneByte(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xff) {
                return true;
            }
        }
        return false;
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
