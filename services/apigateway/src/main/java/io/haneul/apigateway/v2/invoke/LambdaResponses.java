package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A function's answer as the HTTP response. Payload 2.0: an object with {@code statusCode} is a
 * response ({@code headers}, {@code cookies}, {@code body}, {@code isBase64Encoded}); any other valid
 * JSON is the body of a 200 {@code application/json} response (a string as itself). Payload 1.0:
 * the REST proxy response ({@code statusCode} required, {@code multiValueHeaders}). Empty when the
 * answer is unusable (API Gateway's 500).
 */
final class LambdaResponses {

    private LambdaResponses() {
    }

    static Optional<WireResponse> parse(ObjectMapper json, byte[] payload, String version, Headers headers) {
        JsonNode out;
        try {
            out = json.readTree(payload);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (out == null || out.isMissingNode()) {
            return Optional.empty();
        }
        boolean v2 = version.equals("2.0");
        if (v2 && !(out.isObject() && out.has("statusCode"))) {
            headers.set("Content-Type", "application/json");
            String body = out.isTextual() ? out.asText() : out.toString();
            return Optional.of(new WireResponse(200, headers, body.getBytes(StandardCharsets.UTF_8)));
        }
        if (!out.isObject() || !out.path("statusCode").canConvertToInt()) {
            return Optional.empty();
        }
        int status = out.get("statusCode").asInt();
        if (status < 100 || status > 599) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> h : out.path("headers").properties()) {
            headers.set(h.getKey(), h.getValue().asText());
        }
        for (Map.Entry<String, JsonNode> h : out.path("multiValueHeaders").properties()) {
            headers.remove(h.getKey());
            h.getValue().forEach(v -> headers.add(h.getKey(), v.asText()));
        }
        if (v2) {
            out.path("cookies").forEach(c -> headers.add("Set-Cookie", c.asText()));
        }
        JsonNode body = out.get("body");
        byte[] bytes;
        if (body == null || body.isNull()) {
            bytes = new byte[0];
        } else if (out.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        }
        if (!headers.has("Content-Type") && bytes.length > 0) {
            headers.set("Content-Type", v2 ? "text/plain; charset=utf-8" : "application/json");
        }
        return Optional.of(new WireResponse(status, headers, bytes));
    }
}
