package io.haneul.apigateway.invoke;

/**
 * An invocation ended by API Gateway itself (no route, a refused key, a failed authorizer, an invalid
 * body, a throttle): thrown by an {@link InvokeStep} and answered by {@link InvokeEndpoint} as the
 * API's gateway response of that type.
 *
 * @param errorType the {@code x-amzn-ErrorType} AWS sends with it, e.g. {@code UnauthorizedException}
 */
public final class GatewayFailure extends RuntimeException {

    private final GatewayResponseType type;
    private final String errorType;

    public GatewayFailure(GatewayResponseType type, String message, String errorType) {
        super(message, null, false, false);
        this.type = type;
        this.errorType = errorType;
    }

    public GatewayResponseType type() {
        return type;
    }

    public String errorType() {
        return errorType;
    }
}
