package io.haneul.core.error;

/**
 * Errors every AWS service answers the same way, whatever its protocol.
 */
public final class CommonErrors {

    private CommonErrors() {
    }

    public static AwsErrorException validation(String message) {
        return new AwsErrorException("ValidationError", message, 400);
    }

    public static AwsErrorException malformedBody(String message) {
        return new AwsErrorException("SerializationException", message, 400);
    }

    public static AwsErrorException unknownOperation(String operation) {
        return new AwsErrorException("UnknownOperationException",
                operation == null || operation.isEmpty() ? "Missing or unknown operation" : "Unknown operation " + operation, 400);
    }

    /** An {@code Action} the query-protocol service does not have, in AWS's words. */
    public static AwsErrorException invalidAction(String action) {
        return new AwsErrorException("InvalidAction",
                "The action or operation requested is invalid. Verify that the action is typed correctly.", 400);
    }

    public static AwsErrorException notImplemented(String service, String operation) {
        return new AwsErrorException("NotImplemented",
                "The operation " + operation + " of service " + service + " is not implemented in Haneul yet", 501, false,
                java.util.Map.of());
    }

    public static AwsErrorException internal(String requestId) {
        return new AwsErrorException("InternalFailure",
                "The request processing has failed because of an unknown error (request " + requestId + ")", 500);
    }

    /** The server holds as many request bodies in memory as it may (its buffer budget): retry later. */
    /** A request whose body stopped arriving before it was complete (the connection's idle timeout). */
    public static AwsErrorException requestTimeout() {
        return new AwsErrorException("RequestTimeout", "Your socket connection to the server was not read from or written to"
                + " within the timeout period. Idle connections will be closed.", 400);
    }

    public static AwsErrorException busy() {
        return new AwsErrorException("ServiceUnavailable",
                "The server is busy reading other requests; please retry (reduce your request rate)", 503);
    }

    /**
     * The store behind the service cannot be reached (a database restarting): 503, which every AWS
     * SDK retries with back-off, in place of a 500 after a long wait.
     */
    public static AwsErrorException unavailable() {
        return new AwsErrorException("ServiceUnavailable",
                "The service is unavailable because its storage cannot be reached; please retry", 503);
    }

    public static AwsErrorException tooLarge(long limit) {
        return new AwsErrorException("RequestEntityTooLarge", "Request body is larger than " + limit + " bytes", 413);
    }
}
