package io.haneul.lambda.url;

/**
 * A synchronous (RequestResponse) invocation through Lambda's own invoke path, so that a URL's
 * qualifier, the payload limits and the concurrency limits apply as they do to Invoke. Throws
 * {@link io.haneul.lambda.domain.LambdaException} with Invoke's errors.
 */
@FunctionalInterface
public interface UrlInvoker {

    /** @param functionError the function error type ({@code Unhandled}), or null when it succeeded */
    record Result(byte[] payload, String functionError) {
    }

    Result invoke(String account, String region, String functionName, String qualifier, byte[] event);
}
