package io.haneul.lambda.exec;

import java.util.concurrent.CompletableFuture;

/**
 * One invocation handed to an environment: what the runtime's {@code next} call receives, and the
 * futures the invoker waits on (picked up by the runtime, then answered).
 *
 * @param timeoutMillis the function's timeout; the deadline runs from the moment the runtime picks the event up
 * @param sink          where the bytes of a streamed response go as they arrive
 */
public record PendingInvocation(String requestId, byte[] payload, String functionArn, long timeoutMillis,
                                CompletableFuture<Long> pickedUpAt, CompletableFuture<RuntimeAnswer> answer, ResponseSink sink) {

    public PendingInvocation(String requestId, byte[] payload, String functionArn, long timeoutMillis) {
        this(requestId, payload, functionArn, timeoutMillis, ResponseSink.NONE);
    }

    /** @param sink where a streamed response's bytes go as they arrive ({@link ResponseSink#NONE}: nowhere) */
    public PendingInvocation(String requestId, byte[] payload, String functionArn, long timeoutMillis, ResponseSink sink) {
        this(requestId, payload, functionArn, timeoutMillis, new CompletableFuture<>(), new CompletableFuture<>(), sink);
    }

    /**
     * What the runtime posted for an invocation.
     *
     * @param error true for {@code /error} (the body is the error document), false for {@code /response}
     */
    public record RuntimeAnswer(byte[] body, boolean error) {
    }
}
