package io.haneul.apigateway.invoke;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;

/**
 * Answers API Gateway gives on the invoke URL outside gateway responses ({@code {"message": ...}} with its
 * error type header): a disabled execute-api endpoint, a provider that cannot serve invocations. Every other
 * error is a {@link GatewayFailure} answered by {@link GatewayResponses}.
 */
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
        String body = "{\"message\":" + GatewayResponses.quote(message) + "}";
        return new WireResponse(status, h, body.getBytes(StandardCharsets.UTF_8));
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
}
