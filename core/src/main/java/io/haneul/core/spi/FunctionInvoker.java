package io.haneul.core.spi;

/**
 * What Lambda offers other services: invoke a function the way the Invoke API does, as the calling
 * service. API Gateway (proxy integrations, authorizers, WebSocket routes), SNS (lambda
 * subscriptions), SQS and S3 (event sources), SES (receipt rule action) and SWF
 * (ScheduleLambdaFunction) call it; implemented by the Lambda module and looked up lazily with
 * {@link ServiceEnvironment#find} at invocation time, so callers never import the Lambda module.
 */
public interface FunctionInvoker {

    /** How the caller waits: for the result, not at all (queued, retried by Lambda), or only for the permission check. */
    enum InvocationType { REQUEST_RESPONSE, EVENT, DRY_RUN }

    /**
     * One invocation.
     *
     * @param account       the account the function belongs to
     * @param region        the region the function lives in
     * @param function      a function name, ARN or partial ARN, possibly with {@code :qualifier}
     * @param qualifier     a version or alias, or null for {@code $LATEST} (or the one in {@code function})
     * @param payload       the event, JSON bytes
     * @param clientContext base64 client context (mobile SDKs), or null
     * @param principal     the calling service's principal (e.g. {@code apigateway.amazonaws.com}), checked
     *                      against the function's resource policy; null for a same-account caller
     * @param sourceArn     the calling resource (an API's execute-api ARN, a topic), for policy conditions; or null
     */
    record Invocation(String account, String region, String function, String qualifier, InvocationType type, byte[] payload,
                      String clientContext, String principal, String sourceArn) {
    }

    /**
     * What the function answered.
     *
     * @param statusCode      200 for RequestResponse, 202 for Event, 204 for DryRun
     * @param payload         the response or error document, JSON bytes (empty for Event and DryRun)
     * @param functionError   {@code Unhandled} or {@code Handled} when the function failed, else null
     * @param executedVersion the version that ran
     */
    record Result(int statusCode, byte[] payload, String functionError, String executedVersion) {
    }

    /**
     * Invokes a function.
     *
     * @throws FunctionInvocationException with Lambda's error code when the function cannot be invoked
     *                                     ({@code ResourceNotFoundException}, {@code AccessDeniedException},
     *                                     {@code TooManyRequestsException}, ...); a function that runs and fails
     *                                     is a {@link Result} with a {@code functionError}
     */
    Result invoke(Invocation invocation);

    /** An invocation Lambda refused, with its error code. */
    final class FunctionInvocationException extends ServiceCallException {
        public FunctionInvocationException(String code, String message) {
            super(code, message);
        }
    }
}
