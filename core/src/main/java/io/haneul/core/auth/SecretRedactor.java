package io.haneul.core.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders request headers and query strings for logs with secrets masked: the signature inside
 * {@code Authorization}, {@code X-Amz-Signature}, {@code X-Amz-Security-Token}, cookies, SSE-C keys and
 * any header or parameter whose name mentions a secret, password, token or signature.
 *
 * <p>Why: logs must never let a reader replay a request or learn a credential. Access key ids and
 * credential scopes stay visible because they are needed to debug and are not secret.
 */
public final class SecretRedactor {

    /** What replaces a secret. */
    public static final String MASK = "****";

    private static final Pattern SIGNATURE = Pattern.compile("(?i)(Signature\\s*=\\s*)[^,\\s]*");
    private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final Set<String> NOT_SENSITIVE = Set.of("nexttoken", "continuation-token", "continuationtoken",
            "x-amz-signedheaders", "signatureversion", "signaturemethod", "x-amz-content-sha256");
    private static final String[] SENSITIVE_PARTS = {"secret", "password", "token", "signature", "customer-key", "private"};

    private SecretRedactor() {
    }

    /** Whether a header or parameter of this name holds a secret (case-insensitive). */
    public static boolean isSensitive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (SENSITIVE.contains(n)) {
            return true;
        }
        if (NOT_SENSITIVE.contains(n)) {
            return false;
        }
        for (String part : SENSITIVE_PARTS) {
            if (n.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An Authorization value with its signature masked: SigV4 keeps algorithm, credential and signed
     * headers; other schemes keep only the scheme (and SigV2's key id).
     */
    public static String authorization(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("AWS4-")) {
            return SIGNATURE.matcher(v).replaceAll(Matcher.quoteReplacement("Signature=" + MASK));
        }
        if (v.startsWith("AWS ")) {
            int colon = v.lastIndexOf(':');
            return colon > 0 ? v.substring(0, colon + 1) + MASK : "AWS " + MASK;
        }
        int space = v.indexOf(' ');
        return space > 0 ? v.substring(0, space) + " " + MASK : MASK;
    }

    /** One header value, masked as its name requires. */
    public static String headerValue(String name, String value) {
        if (name.equalsIgnoreCase("authorization")) {
            return authorization(value);
        }
        return isSensitive(name) ? MASK : value;
    }

    /** Headers as {@code Name: v1,v2; Name2: v}, secrets masked. */
    public static String headers(Map<String, ? extends Collection<String>> headers) {
        StringJoiner out = new StringJoiner("; ");
        headers.forEach((name, values) -> {
            StringJoiner vs = new StringJoiner(",");
            for (String v : values) {
                vs.add(headerValue(name, v));
            }
            out.add(name + ": " + vs);
        });
        return out.toString();
    }

    /** A raw query string (or form body) with the values of sensitive parameters masked. */
    public static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        StringJoiner out = new StringJoiner("&");
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            out.add(isSensitive(SigV4.decodeToString(rawName)) ? rawName + "=" + MASK : pair);
        }
        return out.toString();
    }

    /** A request line and headers for a log, secrets masked. */
    public static String request(SignedRequest request) {
        String q = request.rawQuery();
        return request.method() + " " + request.rawPath() + (q.isEmpty() ? "" : "?" + query(q)) + " [" + headers(request.headers())
                + "]";
    }

    /** A canonical request with session tokens and similar values masked, for error details. */
    static String canonicalRequest(String canonical) {
        if (canonical == null) {
            return null;
        }
        String[] lines = canonical.split("\n", -1);
        StringJoiner out = new StringJoiner("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (i == 2) {
                out.add(query(line));
            } else if (i > 2 && colon > 0 && isSensitive(line.substring(0, colon))) {
                out.add(line.substring(0, colon + 1) + MASK);
            } else {
                out.add(line);
            }
        }
        return out.toString();
    }
}
