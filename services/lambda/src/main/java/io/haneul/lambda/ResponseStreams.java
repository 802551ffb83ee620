package io.haneul.lambda;

import io.haneul.lambda.domain.LambdaException;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import io.haneul.lambda.exec.ResponseSink;
import io.haneul.lambda.url.UrlInvoker;

/**
 * InvokeWithResponseStream's invocation: checked and resolved first (an unknown function is an API
 * error), then run in the background while the answer's events are written out as they come. A
 * function that streams (the Runtime API's streaming response mode: Node's
 * {@code awslambda.streamifyResponse}) has each piece sent as a {@code PayloadChunk} as soon as it
 * arrives; any other function's answer is sent whole when it ends. The call returns when the first
 * piece arrived or the invocation ended, so that a throttle before the function ran is still an
 * API error.
 *
 * <p>A function that fails after it started streaming (the runtime's error trailers, or a timeout or
 * crash) ends InvokeWithResponseStream with {@code InvokeComplete} carrying the error (ErrorCode: the
 * trailer's error type, else {@code Unhandled}; ErrorDetails: the error document), and ends a
 * function URL's answer without its last chunk, so the HTTP client sees it cut short.
 */
final class ResponseStreams {

    private final InvokeService invocations;
    private final ResponseStreamEvents events;

    ResponseStreams(InvokeService invocations, ResponseStreamEvents events) {
        this.invocations = invocations;
        this.events = events;
    }

    /** A started stream: the version that runs, and the event-stream body. */
    record Started(String executedVersion, InputStream body) {
    }

    Started start(String account, String region, String functionName, String qualifier, byte[] payload, boolean tail) {
        InvokeService.Prepared prepared = invocations.prepare(account, region, functionName, qualifier, payload);
        EventPipe pipe = new EventPipe();
        AtomicBoolean streamed = new AtomicBoolean();
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<InvokeService.Answer> done = new CompletableFuture<>();
        AtomicReference<String> midStreamError = new AtomicReference<>();
        Thread.ofVirtual().name("lambda-response-stream").start(() -> {
            try {
                InvokeService.Answer a = invocations.run(prepared, tail, new ResponseSink() {
                    @Override
                    public void chunk(byte[] bytes) {
                        streamed.set(true);
                        pipe.put(ResponseStreamEvents.chunk(bytes));
                        first.complete(null);
                    }

                    @Override
                    public void failed(String errorType, byte[] errorDocument) {
                        midStreamError.set(errorType);
                    }
                });
                // an error after the function started writing is the runtime's own (its error trailers), as AWS forwards it
                String errorCode = midStreamError.get() != null ? midStreamError.get() : a.functionError();
                pipe.put(streamed.get() ? events.complete(errorCode,
                        a.functionError() == null ? null : new String(a.payload(), java.nio.charset.StandardCharsets.UTF_8), a.logResult())
                        : events.of(a));
                done.complete(a);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            } finally {
                pipe.end();
            }
        });
        try {
            CompletableFuture.anyOf(first, done).join();
        } catch (CompletionException e) {
            if (!streamed.get() && e.getCause() instanceof LambdaException refused) {
                throw refused;
            }
            throw e;
        }
        return new Started(prepared.function().version(), pipe);
    }

    /** For a {@code RESPONSE_STREAM} function URL: the function's own bytes as they come, or its whole result when it does not stream. */
    UrlInvoker.Stream raw(String account, String region, String functionName, String qualifier, byte[] event) {
        InvokeService.Prepared prepared = invocations.prepare(account, region, functionName, qualifier, event);
        EventPipe pipe = new EventPipe();
        AtomicReference<String> contentType = new AtomicReference<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<InvokeService.Answer> done = new CompletableFuture<>();
        Thread.ofVirtual().name("lambda-url-stream").start(() -> {
            try {
                InvokeService.Answer a = invocations.run(prepared, false, new ResponseSink() {
                    @Override
                    public void start(String type) {
                        contentType.set(type);
                        first.complete(null);
                    }

                    @Override
                    public void chunk(byte[] bytes) {
                        pipe.put(bytes);
                    }
                });
                if (contentType.get() != null && a.functionError() != null) {
                    // failed after it started streaming (its error trailers, a timeout, a crash): the answer is cut short
                    pipe.fail();
                }
                done.complete(a);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            } finally {
                pipe.end();
            }
        });
        try {
            CompletableFuture.anyOf(first, done).join();
        } catch (CompletionException e) {
            if (contentType.get() == null && e.getCause() instanceof LambdaException refused) {
                throw refused;
            }
            throw e;
        }
        if (contentType.get() == null) {
            InvokeService.Answer a = done.join();
            return new UrlInvoker.Stream(null, null, new UrlInvoker.Result(a.payload(), a.functionError()));
        }
        return new UrlInvoker.Stream(contentType.get(), pipe, null);
    }
}
