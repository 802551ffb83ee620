package io.haneul.apigateway.domain;

/**
 * A control-plane error with API Gateway's code and message; {@code ApiGatewayErrors} turns it into
 * the wire error. Kept free of HTTP so that the rules that raise it stay testable alone.
 */
public final class ApiGatewayException extends RuntimeException {

    private final String code;
    private final int status;

    public ApiGatewayException(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public static ApiGatewayException notFound(String message) {
        return new ApiGatewayException("NotFoundException", message, 404);
    }

    public static ApiGatewayException badRequest(String message) {
        return new ApiGatewayException("BadRequestException", message, 400);
    }

    public static ApiGatewayException conflict(String message) {
        return new ApiGatewayException("ConflictException", message, 409);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
