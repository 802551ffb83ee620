package io.haneul.apigateway.invoke;

/**
 * The failures the invoke plane itself raises, each with the gateway response type, status, message
 * and {@code x-amzn-ErrorType} AWS gives it; integration errors keep AWS's own spelling of their
 * body ({@code {"message": "..."}}, a space after the colon) unless the API customises them.
 */
public final class GatewayFailures {

    private GatewayFailures() {
    }

    /** An unknown API, stage, resource or method. */
    public static GatewayFailure missingToken() {
        return new GatewayFailure(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token",
                "MissingAuthenticationTokenException");
    }

    /** The API is misconfigured (a Lambda that cannot be invoked, an unusable URI, a failing template): 500. */
    public static GatewayFailure configurationError() {
        return internal(GatewayResponseType.API_CONFIGURATION_ERROR, 500);
    }

    /** The integration answered something API Gateway cannot use (a function error, a malformed proxy answer): 502. */
    public static GatewayFailure badGateway() {
        return internal(GatewayResponseType.DEFAULT_5XX, 502);
    }

    /** The integration did not answer within its timeout: 504. */
    public static GatewayFailure timedOut() {
        return new GatewayFailure(GatewayResponseType.INTEGRATION_TIMEOUT, 504, "Endpoint request timed out", null,
                "{\"message\": \"Endpoint request timed out\"}", null);
    }

    /** Passthrough refused the request's content type: 415. */
    public static GatewayFailure unsupportedMediaType() {
        return new GatewayFailure(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", null);
    }

    private static GatewayFailure internal(GatewayResponseType type, int status) {
        return new GatewayFailure(type, status, "Internal server error", "InternalServerErrorException",
                "{\"message\": \"Internal server error\"}", null);
    }
}
