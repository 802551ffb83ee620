package io.haneul.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the protocol engine sees it: no server types, so codecs and their tests run
 * without a listener.
 *
 * @param method   HTTP method, upper case
 * @param rawPath  the path exactly as sent (still percent-encoded), without the query
 * @param rawQuery the query string as sent, without '?', or empty
 * @param headers  request headers
 * @param body     the request body (empty array when none)
 * @param remoteAddress the client's IP address as the listener saw it (for {@code aws:SourceIp}), or
 *                      null when unknown (requests built in tests or by other services)
 */
public record WireRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body, String remoteAddress) {

    public WireRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    /** A request whose client address is unknown. */
    public WireRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        this(method, rawPath, rawQuery, headers, body, null);
    }

    /** Decoded query parameters in the order sent; a name may repeat. */
    public Map<String, List<String>> queryParameters() {
        return parseForm(rawQuery);
    }

    public String header(String name) {
        return headers.first(name);
    }

    /** Host without port, lower-cased; empty when absent. */
    public String hostName() {
        String host = headers.first("Host");
        if (host == null) {
            return "";
        }
        int colon = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
        return (colon > 0 ? host.substring(0, colon) : host).toLowerCase();
    }

    /** Parses an {@code application/x-www-form-urlencoded} string. */
    public static Map<String, List<String>> parseForm(String form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        int start = 0;
        while (start <= form.length()) {
            int amp = form.indexOf('&', start);
            if (amp < 0) {
                amp = form.length();
            }
            if (amp > start) {
                String pair = form.substring(start, amp);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = amp + 1;
        }
        return params;
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : percentDecode(s, true);
    }

    /**
     * Percent-decodes {@code s} as UTF-8, keeping a malformed escape ({@code %zz}, a trailing {@code %})
     * literally instead of failing: form fields and paths come from clients, and a bad escape must
     * not escape the error envelopes as an exception.
     *
     * @param plusIsSpace true for form encoding, where '+' stands for a space
     */
    public static String percentDecode(String s, boolean plusIsSpace) {
        if (plainAscii(s, plusIsSpace)) {
            return s; // nothing to decode (most paths and values): no copy, on every request's path
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
                continue;
            }
            if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            i++;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** True when {@code s} is ASCII without escapes (nor a '+' that stands for a space): decoding it changes nothing. */
    private static boolean plainAscii(String s, boolean plusIsSpace) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || c >= 0x80 || (c == '+' && plusIsSpace)) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
