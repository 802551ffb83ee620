package io.haneul.cloudsearch.domain;

/**
 * A configuration error with the model's error shape and message; {@code CloudSearchErrors} turns it
 * into the wire error. Free of HTTP so that the rules raising it stay testable alone.
 */
public final class CloudSearchException extends RuntimeException {

    private final String shape;
    private final int status;

    public CloudSearchException(String shape, String message, int status) {
        super(message, null, false, false);
        this.shape = shape;
        this.status = status;
    }

    /** 409 {@code ResourceNotFound}. */
    public static CloudSearchException notFound(String message) {
        return new CloudSearchException("ResourceNotFoundException", message, 409);
    }

    /** 400 {@code ValidationException}: the request is well formed but breaks a rule of the configuration. */
    public static CloudSearchException invalid(String message) {
        return new CloudSearchException("ValidationException", message, 400);
    }

    /** 409 {@code InvalidType}: options that do not belong to the type given. */
    public static CloudSearchException invalidType(String message) {
        return new CloudSearchException("InvalidTypeException", message, 409);
    }

    /** 409 {@code LimitExceeded}. */
    public static CloudSearchException limitExceeded(String message) {
        return new CloudSearchException("LimitExceededException", message, 409);
    }

    public static CloudSearchException domainNotFound(String domain) {
        return notFound("Domain not found: " + domain);
    }

    public String shape() {
        return shape;
    }

    public int status() {
        return status;
    }
}
