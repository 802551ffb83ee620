package io.haneul.lambda.url;

/**
 * A synchronous (RequestResponse) invocation through Lambda's own invoke path, so that a URL's
 * qualifier, the payload limits and the concurrency limits apply as they do to Invoke. Throws
 * {@link io.haneul.lambda.domain.LambdaException} with Invoke's errors.
 */
public interface UrlInvoker {

    /** @param functionError the function error type ({@code Unhandled}), or null when it succeeded */
    record Result(byte[] payload, String functionError) {
    }

    Result invoke(String account, String region, String functionName, String qualifier, byte[] event);

    /**
     * What an invocation for a {@code RESPONSE_STREAM} URL gives: a function that streams (Node's
     * {@code awslambda.streamifyResponse}) gives its content type and its bytes as they come
     * ({@code whole} null); any other gives its whole result ({@code contentType} and {@code body} null).
     */
    record Stream(String contentType, java.io.InputStream body, Result whole) {
    }

    /** By default the whole result, for invokers that cannot stream. */
    default Stream stream(String account, String region, String functionName, String qualifier, byte[] event) {
        return new Stream(null, null, invoke(account, region, functionName, qualifier, event));
    }
}
