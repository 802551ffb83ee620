package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * InvokeEndpointWithResponseStream: the invocation runs in the background and each piece the model produces is
 * written out as a {@code PayloadPart} event as soon as it comes ({@link Predictor#stream}; a script whose
 * {@code output_fn} yields streams piece by piece, the built-in algorithms give one part). The call returns once the
 * first piece came or the invocation ended, so that a failure before the model answered anything (an unknown
 * endpoint, a ModelError) is the request's error, as on AWS; a failure after is the stream's last event:
 * {@code ModelStreamError} ({@code ModelInvocationTimeExceeded} past the invocation timeout, {@code StreamBroken}
 * when the model failed or its worker died) or {@code InternalStreamFailure}. The pipe between the two holds
 * {@link #PIPE_BYTES}: a client that reads slowly holds the model, as a container's stream does.
 */
final class ResponseStreams {

    static final int PIPE_BYTES = 64 * 1024;

    /** How a stream asks the endpoint's model: {@link Invocations#invokeWith}. */
    @FunctionalInterface
    interface Invoker {
        Invocations.Result invokeWith(String account, String region, String endpointName, byte[] body, String contentType,
                                      Target target, String inferenceId, Invocations.Call call);
    }

    private final Invoker invocations;
    private final StreamEvents events;

    ResponseStreams(Invoker invocations, StreamEvents events) {
        this.invocations = invocations;
        this.events = events;
    }

    /** A started stream: the variant that answers, the answer's content type, and the event-stream body. */
    record Started(String variant, String contentType, InputStream body) {
    }

    private record Head(String variant, String contentType) {
    }

    Started start(String account, String region, InvokeEndpointWithResponseStreamRequest req) {
        byte[] body = req.body().asByteArrayUnsafe();
        PipedInputStream in = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Head> head = new CompletableFuture<>();
        Thread.ofVirtual().name("sagemaker-response-stream").start(() -> run(account, region, req, body, head, out));
        try {
            Head h = head.join();
            return new Started(h.variant(), h.contentType(), in);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw e;
        }
    }

    private void run(String account, String region, InvokeEndpointWithResponseStreamRequest req, byte[] body,
                     CompletableFuture<Head> head, OutputStream out) {
        try {
            answer(account, region, req, body, head, out);
        } finally {
            // an Error (out of memory, ...) must not leave the request waiting for a head that never comes
            head.completeExceptionally(new IllegalStateException("The stream ended before the model answered"));
        }
    }

    private void answer(String account, String region, InvokeEndpointWithResponseStreamRequest req, byte[] body,
                        CompletableFuture<Head> head, OutputStream out) {
        AtomicReference<AlgorithmException> modelFailure = new AtomicReference<>();
        try (out) {
            try {
                invocations.invokeWith(account, region, req.endpointName(), body, req.contentType(),
                        new Target(req.targetVariant(), null, req.targetContainerHostname()), req.inferenceId(),
                        (predictor, variant) -> {
                            ByteArrayOutputStream whole = new ByteArrayOutputStream();
                            AtomicReference<String> type = new AtomicReference<>();
                            try {
                                predictor.stream(body, req.contentType(), req.accept(), (bytes, contentType) -> {
                                    type.set(contentType);
                                    head.complete(new Head(variant, contentType));
                                    whole.writeBytes(bytes);
                                    send(out, events.part(bytes));
                                });
                            } catch (AlgorithmException e) {
                                modelFailure.set(e);
                                throw e;
                            }
                            head.complete(new Head(variant, type.get() == null ? req.accept() : type.get()));
                            return new Predictor.Prediction(whole.toByteArray(), type.get());
                        });
            } catch (HostingException e) {
                if (!head.completeExceptionally(e)) {
                    AlgorithmException cause = modelFailure.get();
                    send(out, cause == null ? events.internalFailure(e.getMessage())
                            : events.modelStreamError(cause.isTimedOut() ? "ModelInvocationTimeExceeded" : "StreamBroken", cause.getMessage()));
                }
            } catch (RuntimeException e) {
                if (!head.completeExceptionally(e)) {
                    send(out, events.internalFailure("The stream processing failed: " + e.getMessage()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            head.completeExceptionally(e instanceof UncheckedIOException u ? u : new UncheckedIOException((IOException) e));
            // the client went away: nothing is left to tell it
        }
    }

    private static void send(OutputStream out, byte[] event) {
        try {
            out.write(event);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
