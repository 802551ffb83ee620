package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.wire.Headers;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP API's {@code CorsConfiguration}: API Gateway answers preflight requests itself (whatever
 * the routes) and adds the allow-origin headers to other answers for an allowed origin; an origin
 * not allowed gets no CORS headers.
 */
final class Cors {

    private Cors() {
    }

    static boolean isPreflight(String method, Headers headers) {
        return method.equals("OPTIONS") && headers.first("Origin") != null && headers.first("Access-Control-Request-Method") != null;
    }

    /** The headers of API Gateway's own preflight answer (empty for an origin not allowed). */
    static void preflight(JsonNode cors, Headers request, Headers out) {
        String origin = allowedOrigin(cors, request.first("Origin"));
        if (origin == null) {
            return;
        }
        out.set("Access-Control-Allow-Origin", origin);
        join(cors.path("allowMethods")).ifPresent(v -> out.set("Access-Control-Allow-Methods", v));
        join(cors.path("allowHeaders")).ifPresent(v -> out.set("Access-Control-Allow-Headers", v));
        if (cors.has("maxAge")) {
            out.set("Access-Control-Max-Age", cors.get("maxAge").asText());
        }
        credentials(cors, out);
    }

    /** The CORS headers of an ordinary answer. */
    static void actual(JsonNode cors, Headers request, Headers out) {
        String origin = allowedOrigin(cors, request.first("Origin"));
        if (origin == null) {
            return;
        }
        out.set("Access-Control-Allow-Origin", origin);
        join(cors.path("exposeHeaders")).ifPresent(v -> out.set("Access-Control-Expose-Headers", v));
        credentials(cors, out);
    }

    private static void credentials(JsonNode cors, Headers out) {
        if (cors.path("allowCredentials").asBoolean(false)) {
            out.set("Access-Control-Allow-Credentials", "true");
        }
    }

    private static String allowedOrigin(JsonNode cors, String origin) {
        if (origin == null) {
            return null;
        }
        for (JsonNode allowed : cors.path("allowOrigins")) {
            if (allowed.asText().equals("*")) {
                return "*";
            }
            if (allowed.asText().equalsIgnoreCase(origin)) {
                return origin;
            }
        }
        return null;
    }

    private static java.util.Optional<String> join(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asText()));
        return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(",", out));
    }
}
