package io.haneul.lambda.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A function's result as the HTTP answer of its URL, inferred as Lambda does (payload format 2.0):
 * an object with a {@code statusCode} is a response (headers, {@code cookies} as Set-Cookie
 * headers, body, base64 when {@code isBase64Encoded}); any other JSON is the body of a 200
 * {@code application/json} answer. A function error, a result that is not JSON and an impossible
 * status code are answered 502 {@code Internal Server Error}, as Lambda answers them.
 */
public final class UrlResponses {

    private UrlResponses() {
    }

    public static WireResponse of(ObjectMapper json, byte[] payload) {
        JsonNode result;
        try {
            result = json.readTree(payload);
        } catch (IOException e) {
            return badGateway();
        }
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            return WireResponse.of(200, "application/json", payload);
        }
        JsonNode code = result.get("statusCode");
        int status = code.isInt() ? code.asInt() : code.isTextual() && code.asText().matches("\\d{3}") ? Integer.parseInt(code.asText()) : -1;
        if (status < 100 || status > 599) {
            return badGateway();
        }
        Headers headers = new Headers();
        JsonNode given = result.get("headers");
        if (given != null && given.isObject()) {
            given.fields().forEachRemaining(h -> headers.set(h.getKey(), h.getValue().isTextual() ? h.getValue().asText() : h.getValue().toString()));
        }
        JsonNode cookies = result.get("cookies");
        if (cookies != null && cookies.isArray()) {
            cookies.forEach(c -> headers.add("Set-Cookie", c.asText()));
        }
        if (!headers.has("Content-Type")) {
            headers.set("Content-Type", "application/json");
        }
        JsonNode body = result.get("body");
        byte[] bytes;
        if (body == null || body.isNull()) {
            bytes = new byte[0];
        } else if (body.isTextual()) {
            try {
                bytes = result.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                        : body.asText().getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return badGateway();
            }
        } else {
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new WireResponse(status, headers, bytes);
    }

    /** What Lambda answers when the function failed or returned something it cannot turn into a response. */
    public static WireResponse badGateway() {
        return WireResponse.of(502, "application/json", "Internal Server Error".getBytes(StandardCharsets.UTF_8));
    }

    /** Lambda's own refusals: {@code {"Message":"..."}} with the error type in {@code x-amzn-ErrorType}. */
    public static WireResponse message(int status, String errorType, String message) {
        String body = message == null ? "{\"Message\":null}" : "{\"Message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        WireResponse r = WireResponse.of(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
        r.headers().set("x-amzn-ErrorType", errorType);
        return r;
    }
}
