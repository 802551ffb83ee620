package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.StreamingOutput;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;

/**
 * SageMaker Runtime: InvokeEndpoint answers from the endpoint's loaded model (the variant that answered
 * in {@code X-Amzn-Invoked-Production-Variant}, CustomAttributes echoed as the AWS containers echo
 * them); InvokeEndpointWithResponseStream answers the same as {@code PayloadPart} events as the model produces them
 * (see {@link ResponseStreams}); InvokeEndpointAsync queues the request (see {@link AsyncInvocations}). Bodies over 6 MB are
 * refused before they are read (the module's request limit, 413 as AWS answers).
 */
public final class RuntimeApi {

    private final Invocations invocations;
    private final AsyncInvocations async;
    private final ResponseStreams streams;

    RuntimeApi(Invocations invocations, AsyncInvocations async, ResponseStreams streams) {
        this.invocations = invocations;
        this.async = async;
        this.streams = streams;
    }

    public InvokeEndpointResponse invokeEndpoint(RequestContext ctx, InvokeEndpointRequest req) {
        return HostingErrors.call(() -> {
            Invocations.Result r = invocations.invoke(ctx.accountId(), ctx.region(), req.endpointName(), req.body().asByteArrayUnsafe(),
                    req.contentType(), req.accept(),
                    new Target(req.targetVariant(), req.targetModel(), req.targetContainerHostname()), req.inferenceId());
            return InvokeEndpointResponse.builder().body(SdkBytes.fromByteArrayUnsafe(r.prediction().body()))
                    .contentType(r.prediction().contentType()).invokedProductionVariant(r.variant())
                    .customAttributes(req.customAttributes()).build();
        });
    }

    /** The HTTP body's media type of a response stream (the model's own type is X-Amzn-SageMaker-Content-Type). */
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    /** The event stream is written as it comes, with no length (chunked). */
    public StreamingOutput invokeEndpointWithResponseStream(RequestContext ctx, InvokeEndpointWithResponseStreamRequest req) {
        ResponseStreams.Started s = HostingErrors.call(() -> streams.start(ctx.accountId(), ctx.region(), req));
        return new StreamingOutput(InvokeEndpointWithResponseStreamResponse.builder().contentType(s.contentType())
                .invokedProductionVariant(s.variant()).customAttributes(req.customAttributes()).build(), 200, s.body(), -1, EVENT_STREAM);
    }

    public InvokeEndpointAsyncResponse invokeEndpointAsync(RequestContext ctx, InvokeEndpointAsyncRequest req) {
        return HostingErrors.call(() -> async.submit(ctx.accountId(), ctx.region(), req));
    }
}
