package io.haneul.lambda.exec;

/**
 * Where the bytes of a response a function streams (the Runtime API's streaming response mode) go
 * as they arrive, before the invocation ends: InvokeWithResponseStream's event stream.
 */
@FunctionalInterface
public interface ResponseSink {

    /** A sink for invocations whose caller waits for the whole answer. */
    ResponseSink NONE = bytes -> {
    };

    /** The function started streaming, with this content type (before its first bytes). */
    default void start(String contentType) {
    }

    /** Bytes the function wrote, in order; called on the thread serving the runtime's POST. */
    void chunk(byte[] bytes);

    /**
     * The function failed after it started streaming: the runtime ended its response with the error
     * trailers ({@code Lambda-Runtime-Function-Error-Type}, {@code -Body}); after the last chunk.
     *
     * @param errorType     the trailer's error type, as the runtime named it (e.g. {@code Error})
     * @param errorDocument the error body, decoded (the runtime's JSON error document)
     */
    default void failed(String errorType, byte[] errorDocument) {
    }
}
