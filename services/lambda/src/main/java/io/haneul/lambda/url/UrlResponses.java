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
    /** The content type of a stream that starts with an HTTP prelude ({@code awslambda.HttpResponseStream.from}). */
    static final String PRELUDE_TYPE = "application/vnd.awslambda.http-integration-response";

    /**
     * A streamed answer, with no length: with the prelude content type, the JSON before the first 8
     * NUL bytes gives {@code statusCode} (default 200), {@code headers} and {@code cookies}, the rest
     * is the body; otherwise a 200 of the function's content type.
     */
    public static WireResponse streamed(ObjectMapper json, String contentType, java.io.InputStream body) {
        Headers headers = new Headers();
        int status = 200;
        if (PRELUDE_TYPE.equals(contentType)) {
            java.io.ByteArrayOutputStream prelude = new java.io.ByteArrayOutputStream();
            try {
                int zeros = 0;
                int b;
                while (zeros < 8 && (b = body.read()) >= 0) {
                    zeros = b == 0 ? zeros + 1 : 0;
                    if (b != 0) {
                        prelude.write(b);
                    }
                }
                JsonNode meta = json.readTree(prelude.toByteArray());
                if (meta != null && meta.isObject()) {
                    status = meta.path("statusCode").asInt(200);
                    meta.path("headers").fields().forEachRemaining(h -> headers.set(h.getKey(), h.getValue().asText()));
                    meta.path("cookies").forEach(c -> headers.add("Set-Cookie", c.asText()));
                }
            } catch (IOException e) {
                return badGateway();
            }
            if (status < 100 || status > 599) {
                return badGateway();
            }
            if (!headers.has("Content-Type")) {
                headers.set("Content-Type", "application/octet-stream");
            }
        } else {
            headers.set("Content-Type", contentType);
        }
        return new WireResponse(status, headers, new byte[0], new WireResponse.Streamed(body, -1));
    }

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
