package io.haneul.apigateway.invoke;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;

/** The answers API Gateway itself gives on the invoke URL: {@code {"message": ...}} with its error type header. */
public final class InvokeResponses {

    private InvokeResponses() {
    }

    /**
     * @param errorType the {@code x-amzn-ErrorType} value, or null for none
     * @param headers   headers to start from (request ids), or null
     */
    public static WireResponse message(int status, String errorType, String message, Headers headers) {
        Headers h = headers == null ? new Headers() : headers;
        h.set("Content-Type", "application/json");
        if (errorType != null) {
            h.set("x-amzn-ErrorType", errorType);
        }
        String body = "{\"message\":" + quote(message) + "}";
        return new WireResponse(status, h, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * API Gateway's answer when the integration failed (a function error, a malformed proxy answer, a
     * backend it could not reach): {@code {"message": "Internal server error"}}, spelled with the space
     * after the colon that AWS's own body has (unlike its gateway responses).
     */
    public static WireResponse internalError(int status, Headers headers) {
        Headers h = headers == null ? new Headers() : headers;
        h.set("Content-Type", "application/json");
        h.set("x-amzn-ErrorType", "InternalServerErrorException");
        return new WireResponse(status, h, "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * API Gateway's health check on its invoke hosts: {@code /ping} and {@code /sping} are reserved
     * paths that answer 200 {@code healthy} whatever the APIs behind the host.
     */
    public static WireResponse healthy() {
        Headers h = new Headers();
        h.set("Content-Type", "text/plain");
        return new WireResponse(200, h, "healthy".getBytes(StandardCharsets.UTF_8));
    }

    /** The integration did not answer within its timeout: 504 as API Gateway words it. */
    public static WireResponse timedOut(Headers headers) {
        Headers h = headers == null ? new Headers() : headers;
        h.set("Content-Type", "application/json");
        return new WireResponse(504, h, "{\"message\": \"Endpoint request timed out\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
