package io.haneul.lambda.url;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.util.List;

/**
 * CORS for a function URL with a Cors configuration, answered by Lambda itself: a preflight
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered from
 * the configuration without invoking the function; other answers to an allowed origin get
 * {@code Access-Control-Allow-Origin}, {@code -Expose-Headers} and {@code -Allow-Credentials}
 * added beside whatever CORS headers the function set. An origin not allowed gets no CORS headers
 * (the browser then refuses the answer).
 */
public final class UrlCorsHeaders {

    private UrlCorsHeaders() {
    }

    public static boolean isPreflight(UrlCors cors, WireRequest r) {
        return cors != null && "OPTIONS".equals(r.method()) && r.header("Origin") != null
                && r.header("Access-Control-Request-Method") != null;
    }

    public static WireResponse preflight(UrlCors cors, WireRequest r) {
        WireResponse answer = new WireResponse(200, new Headers(), new byte[0]);
        String origin = allowedOrigin(cors, r.header("Origin"));
        if (origin == null) {
            return answer;
        }
        Headers h = answer.headers();
        h.set("Access-Control-Allow-Origin", origin);
        if (notEmpty(cors.allowMethods())) {
            h.set("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
        }
        if (notEmpty(cors.allowHeaders())) {
            h.set("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
        }
        if (Boolean.TRUE.equals(cors.allowCredentials())) {
            h.set("Access-Control-Allow-Credentials", "true");
        }
        if (cors.maxAge() != null) {
            h.set("Access-Control-Max-Age", String.valueOf(cors.maxAge()));
        }
        h.set("Vary", "Origin");
        return answer;
    }

    /** Adds the configuration's CORS headers to an answer for an allowed origin. */
    public static void decorate(UrlCors cors, WireRequest r, Headers h) {
        if (cors == null) {
            return;
        }
        String origin = allowedOrigin(cors, r.header("Origin"));
        if (origin == null) {
            return;
        }
        h.add("Access-Control-Allow-Origin", origin);
        if (notEmpty(cors.exposeHeaders())) {
            h.add("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
        }
        if (Boolean.TRUE.equals(cors.allowCredentials())) {
            h.add("Access-Control-Allow-Credentials", "true");
        }
        h.add("Vary", "Origin");
    }

    /** {@code *} when every origin is allowed, the origin itself when it is listed, else null. */
    static String allowedOrigin(UrlCors cors, String origin) {
        if (origin == null || cors.allowOrigins() == null) {
            return null;
        }
        if (cors.allowOrigins().contains("*")) {
            return "*";
        }
        return cors.allowOrigins().stream().anyMatch(o -> o.equalsIgnoreCase(origin)) ? origin : null;
    }

    private static boolean notEmpty(List<String> l) {
        return l != null && !l.isEmpty();
    }
}
