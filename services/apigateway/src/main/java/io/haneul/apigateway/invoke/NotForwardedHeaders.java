package io.haneul.apigateway.invoke;

import java.util.Set;
import java.util.TreeSet;

/**
 * Request headers HTTP integrations (REST APIs' and HTTP APIs') never pass to a backend: the connection's own
 * (hop-by-hop) headers, the body's framing (the backend client writes its own {@code Content-Length})
 * and {@code Host}, which API Gateway sets from the integration URI. Looked up without lower-casing
 * the name (no copy per header on the proxy path).
 */
public final class NotForwardedHeaders {

    private static final Set<String> NAMES = caseInsensitive("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-authorization", "proxy-connection", "http2-settings");

    private NotForwardedHeaders() {
    }

    public static boolean contains(String name) {
        return NAMES.contains(name);
    }

    /** A set of header names that matches whatever their case (no allocation per look-up). */
    public static Set<String> caseInsensitive(String... names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(java.util.List.of(names));
        return java.util.Collections.unmodifiableSet(set);
    }
}
