package io.haneul.s3.domain;

import java.util.List;
import java.util.Locale;

/**
 * One rule of a bucket's CORS configuration and how S3 matches it: the origin against
 * {@code AllowedOrigin} (each may hold one {@code *} wildcard), the method against
 * {@code AllowedMethod}, and every requested header against {@code AllowedHeader} (case-insensitive,
 * wildcards allowed).
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposeHeaders, Integer maxAgeSeconds) {

    public static final List<String> METHODS = List.of("GET", "PUT", "HEAD", "POST", "DELETE");

    public CorsRule {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
        allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }

    /** @throws S3Exception MalformedXML or InvalidRequest as S3 answers PutBucketCors */
    public void check() {
        if (allowedOrigins.isEmpty() || allowedMethods.isEmpty()) {
            throw S3Exception.malformedXml();
        }
        for (String m : allowedMethods) {
            if (!METHODS.contains(m)) {
                throw S3Exception.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m);
            }
        }
        for (String o : allowedOrigins) {
            if (o.indexOf('*') != o.lastIndexOf('*')) {
                throw S3Exception.invalidRequest("AllowedOrigin \"" + o + "\" can not have more than one wildcard.");
            }
        }
    }

    public boolean allows(String origin, String method, List<String> requestHeaders) {
        if (origin == null || !allowedMethods.contains(method)) {
            return false;
        }
        if (allowedOrigins.stream().noneMatch(o -> wildcard(o, origin, false))) {
            return false;
        }
        for (String h : requestHeaders) {
            if (allowedHeaders.stream().noneMatch(a -> wildcard(a, h, true))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the rule allows any origin ({@code *}): then S3 answers {@code *}, without credentials. */
    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String head = p.substring(0, star);
        String tail = p.substring(star + 1);
        return v.length() >= head.length() + tail.length() && v.startsWith(head) && v.endsWith(tail);
    }
}
