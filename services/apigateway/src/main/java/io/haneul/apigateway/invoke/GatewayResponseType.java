package io.haneul.apigateway.invoke;

/**
 * The kinds of answer API Gateway gives on its own rather than the integration's (the "gateway
 * responses" a REST API can customise), each with the status AWS sends by default. DEFAULT_4XX and
 * DEFAULT_5XX have no status of their own: they customise every 4XX/5XX type not customised itself.
 */
public enum GatewayResponseType {
    ACCESS_DENIED(403),
    API_CONFIGURATION_ERROR(500),
    AUTHORIZER_CONFIGURATION_ERROR(500),
    AUTHORIZER_FAILURE(500),
    BAD_REQUEST_PARAMETERS(400),
    BAD_REQUEST_BODY(400),
    DEFAULT_4XX(0),
    DEFAULT_5XX(0),
    EXPIRED_TOKEN(403),
    INTEGRATION_FAILURE(504),
    INTEGRATION_TIMEOUT(504),
    INVALID_API_KEY(403),
    INVALID_SIGNATURE(403),
    MISSING_AUTHENTICATION_TOKEN(403),
    QUOTA_EXCEEDED(429),
    REQUEST_TOO_LARGE(413),
    RESOURCE_NOT_FOUND(404),
    THROTTLED(429),
    UNAUTHORIZED(401),
    UNSUPPORTED_MEDIA_TYPE(415),
    WAF_FILTERED(403);

    private final int defaultStatus;

    GatewayResponseType(int defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    /** AWS's status for this type when the API has not customised it; 0 for the two DEFAULT_ types. */
    public int defaultStatus() {
        return defaultStatus;
    }
}
