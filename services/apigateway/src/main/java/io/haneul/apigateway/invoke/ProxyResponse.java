package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda proxy integration's answer, payload format 1.0: {@code statusCode} (an integer),
 * optional {@code headers} (strings) and {@code multiValueHeaders} (lists, added after the single
 * values), {@code body} (a string, base64 when {@code isBase64Encoded}). Anything else, or another
 * member, makes the answer malformed, which API Gateway turns into its 502.
 */
public final class ProxyResponse {

    private static final java.util.Set<String> MEMBERS = java.util.Set.of("statusCode", "headers", "multiValueHeaders", "body",
            "isBase64Encoded", "cookies");

    private ProxyResponse() {
    }

    /** The HTTP answer, or empty when the function's output is not a valid proxy response. */
    public static Optional<WireResponse> parse(ObjectMapper json, byte[] payload, Headers headers) {
        JsonNode out;
        try {
            out = json.readTree(payload);
        } catch (Exception e) {
            return Optional.empty();
        }
        JsonNode code = out == null ? null : out.path("statusCode");
        boolean numeric = code != null && (code.isIntegralNumber() || code.isTextual() && code.asText().matches("\\d{3}"));
        if (out == null || !out.isObject() || !numeric) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> member : out.properties()) {
            if (!MEMBERS.contains(member.getKey())) {
                return Optional.empty();
            }
        }
        int status = out.get("statusCode").asInt();
        if (status < 100 || status > 599) {
            return Optional.empty();
        }
        JsonNode single = out.path("headers");
        JsonNode multi = out.path("multiValueHeaders");
        JsonNode body = out.path("body");
        if (!(single.isMissingNode() || single.isNull() || single.isObject()) || !(multi.isMissingNode() || multi.isNull() || multi.isObject())
                || !(body.isMissingNode() || body.isNull() || body.isTextual())) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> h : single.properties()) {
            if (h.getValue().isContainerNode()) {
                return Optional.empty();
            }
            headers.set(h.getKey(), h.getValue().asText());
        }
        for (Map.Entry<String, JsonNode> h : multi.properties()) {
            if (!h.getValue().isArray()) {
                return Optional.empty();
            }
            if (!single.has(h.getKey())) {
                headers.remove(h.getKey());
            }
            h.getValue().forEach(v -> headers.add(h.getKey(), v.asText()));
        }
        if (!headers.has("Content-Type")) {
            headers.set("Content-Type", "application/json");
        }
        byte[] bytes;
        if (body.isTextual() && out.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            bytes = body.isTextual() ? body.asText().getBytes(StandardCharsets.UTF_8) : new byte[0];
        }
        return Optional.of(new WireResponse(status, headers, bytes));
    }
}
