package io.haneul.lambda.domain;

/**
 * A refusal of a Lambda request, named by the AWS error code the caller sees and carrying its
 * HTTP status. Domain code throws it; {@code LambdaErrors} turns it into the wire error. No stack
 * trace: it is an answer, not a bug.
 */
public final class LambdaException extends RuntimeException {

    private final String code;
    private final int status;

    public LambdaException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
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
