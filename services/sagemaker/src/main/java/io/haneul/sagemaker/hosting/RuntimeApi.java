package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * SageMaker Runtime: InvokeEndpoint answers from the endpoint's loaded model (the variant that answered
 * in {@code X-Amzn-Invoked-Production-Variant}, CustomAttributes echoed as the AWS containers echo
 * them); InvokeEndpointAsync queues the request (see {@link AsyncInvocations}). Bodies over 6 MB are
 * refused before they are read (the module's request limit, 413 as AWS answers).
 */
public final class RuntimeApi {

    private final Invocations invocations;
    private final AsyncInvocations async;

    RuntimeApi(Invocations invocations, AsyncInvocations async) {
        this.invocations = invocations;
        this.async = async;
    }

    public InvokeEndpointResponse invokeEndpoint(RequestContext ctx, InvokeEndpointRequest req) {
        return HostingErrors.call(() -> {
            Invocations.Result r = invocations.invoke(ctx.accountId(), ctx.region(), req.endpointName(), req.body().asByteArrayUnsafe(),
                    req.contentType(), req.accept(), req.targetVariant(), req.inferenceId());
            return InvokeEndpointResponse.builder().body(SdkBytes.fromByteArrayUnsafe(r.prediction().body()))
                    .contentType(r.prediction().contentType()).invokedProductionVariant(r.variant())
                    .customAttributes(req.customAttributes()).build();
        });
    }

    public InvokeEndpointAsyncResponse invokeEndpointAsync(RequestContext ctx, InvokeEndpointAsyncRequest req) {
        return HostingErrors.call(() -> async.submit(ctx.accountId(), ctx.region(), req));
    }
}
