package io.haneul.lambda.domain;

/**
 * A refusal of a Lambda request, named by the AWS error code the caller sees and carrying its
 * HTTP status. Domain code throws it; {@code LambdaErrors} turns it into the wire error. No stack
 * trace: it is an answer, not a bug.
 */
public final class LambdaException extends RuntimeException {

    /** The code of a throttle ({@link #throttled}). */
    public static final String THROTTLED = "TooManyRequestsException";

    private final String code;
    private final int status;
    private final String reason;

    public LambdaException(String code, int status, String message) {
        this(code, status, message, null);
    }

    /** @param reason the {@code Reason} member some errors carry (TooManyRequestsException's throttle reason), or null */
    public LambdaException(String code, int status, String message, String reason) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.reason = reason;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The error's {@code Reason} member, or null. */
    public String reason() {
        return reason;
    }

    /**
     * AWS's throttle answer (429, {@code Rate Exceeded.}), with why: {@code ConcurrentInvocationLimitExceeded} (the
     * account) or {@code ReservedFunctionConcurrentInvocationLimitExceeded} (the function's reserved concurrency).
     */
    public static LambdaException throttled(String reason) {
        return new LambdaException(THROTTLED, 429, "Rate Exceeded.", reason);
    }

    public static LambdaException invalidParameter(String message) {
        return new LambdaException("InvalidParameterValueException", 400, message);
    }

    public static LambdaException notFound(String arn) {
        return new LambdaException("ResourceNotFoundException", 404, "Function not found: " + arn);
    }

    public static LambdaException conflict(String message) {
        return new LambdaException("ResourceConflictException", 409, message);
    }

    public static LambdaException tooLarge(String message) {
        return new LambdaException("RequestEntityTooLargeException", 413, message);
    }
}
