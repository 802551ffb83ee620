package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Binary payloads of non-proxy integrations, as AWS converts them: a request whose Content-Type is
 * one of the API's {@code binaryMediaTypes} is binary; the integration's {@code contentHandling}
 * turns it into base64 text ({@code CONVERT_TO_TEXT}) or a text body given as base64 into bytes
 * ({@code CONVERT_TO_BINARY}); unset, a binary body passes through as its bytes. On the way back
 * the integration response's {@code contentHandling} does the same, and unset, a body passed through
 * stays binary when the client's first Accept type is a binary media type. A mapping template's
 * output (request or response, any integration type: {@code MOCK}, Lambda, HTTP, AWS) is text, and
 * {@code CONVERT_TO_BINARY} turns it from base64 into bytes, as AWS's conversion table says; that is
 * how a {@code MOCK} method or a Lambda function answering base64 serves an image.
 */
final class ContentHandling {

    private ContentHandling() {
    }

    /** The integration request's body when passed through (no template applied). */
    static byte[] requestBody(InvokeRequest r) {
        String handling = r.integration().path("contentHandling").asText("");
        boolean binary = BinaryTypes.isBinary(r.api(), r.headers().first("Content-Type"));
        if (handling.equals("CONVERT_TO_TEXT") && binary) {
            return Base64.getEncoder().encode(r.body());
        }
        if (handling.equals("CONVERT_TO_BINARY") && !binary) {
            return decode(r.body());
        }
        return r.body();
    }

    /** The body a template sees as {@code $input.body}: a binary request is base64 text. */
    static String templateBody(InvokeRequest r) {
        return BinaryTypes.isBinary(r.api(), r.headers().first("Content-Type"))
                ? Base64.getEncoder().encodeToString(r.body()) : new String(r.body(), StandardCharsets.UTF_8);
    }

    /**
     * The method response's body when no template applies, or null when it is the backend's text as is.
     */
    static byte[] responseBody(InvokeRequest r, JsonNode response, IntegrationResponses.Backend backend) {
        String handling = response.path("contentHandling").asText("");
        byte[] raw = backend.raw() != null ? backend.raw() : backend.body().getBytes(StandardCharsets.UTF_8);
        if (handling.equals("CONVERT_TO_TEXT")) {
            return backend.raw() != null ? Base64.getEncoder().encode(raw) : null;
        }
        if (handling.equals("CONVERT_TO_BINARY")) {
            return backend.raw() != null ? raw : decode(raw);
        }
        String accept = r.headers().first("Accept");
        String first = accept == null ? null : accept.split(",", 2)[0];
        return BinaryTypes.isBinary(r.api(), first) ? raw : null;
    }

    /** A template's output as the integration request or method response gets it, by the {@code contentHandling} in {@code item}. */
    static byte[] templateOutput(JsonNode item, String rendered) {
        byte[] text = rendered.getBytes(StandardCharsets.UTF_8);
        return item.path("contentHandling").asText("").equals("CONVERT_TO_BINARY") ? decode(text) : text;
    }

    private static byte[] decode(byte[] text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
