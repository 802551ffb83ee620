package io.haneul.apigateway.invoke;

/**
 * An invocation ended by API Gateway itself (no route, a refused key, a failed authorizer, an invalid
 * body, a throttle, a failed integration): thrown by an {@link InvokeStep} or an integration and
 * answered by {@link InvokeEndpoint} as the API's gateway response of that type, as deployed
 * ({@link GatewayResponses}).
 */
public final class GatewayFailure extends RuntimeException {

    private final GatewayResponseType type;
    private final int status;
    private final String errorType;
    private final String defaultBody;
    private final String validationErrors;

    /**
     * @param errorType the {@code x-amzn-ErrorType} AWS sends with it, e.g. {@code UnauthorizedException}
     */
    public GatewayFailure(GatewayResponseType type, String message, String errorType) {
        this(type, 0, message, errorType, null, null);
    }

    /**
     * @param status           the status when the API has not customised it, or 0 for the type's default (needed for
     *                         DEFAULT_5XX answers such as a Lambda's 502, which have no status of their own)
     * @param defaultBody      AWS's body when the API has not customised the response, or null for the default template's
     *                         {@code {"message":"..."}}; AWS spells some of its integration errors differently
     * @param validationErrors what {@code $context.error.validationErrorString} shows, or null
     */
    public GatewayFailure(GatewayResponseType type, int status, String message, String errorType, String defaultBody,
                          String validationErrors) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.errorType = errorType;
        this.defaultBody = defaultBody;
        this.validationErrors = validationErrors;
    }

    public GatewayResponseType type() {
        return type;
    }

    /** The status when not customised: the one given, else the type's default. */
    public int status() {
        return status != 0 ? status : type.defaultStatus();
    }

    public String errorType() {
        return errorType;
    }

    /** AWS's own body when not customised, or null for the default template's. */
    public String defaultBody() {
        return defaultBody;
    }

    public String validationErrors() {
        return validationErrors;
    }
}
