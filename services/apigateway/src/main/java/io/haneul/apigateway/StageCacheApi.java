package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.FlushStageAuthorizersCacheRequest;
import software.amazon.awssdk.services.apigateway.model.FlushStageAuthorizersCacheResponse;
import software.amazon.awssdk.services.apigateway.model.FlushStageCacheRequest;
import software.amazon.awssdk.services.apigateway.model.FlushStageCacheResponse;

import java.util.function.BiConsumer;

import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * FlushStageCache and FlushStageAuthorizersCache: empty a stage's response cache
 * ({@link io.haneul.apigateway.invoke.StageCache}) or its Lambda authorizers' cached answers. Both
 * answer NotFoundException for an unknown API or stage. A part of {@link ApiGatewayProvider}.
 */
public final class StageCacheApi {

    private final DeploymentService deployments;
    private final BiConsumer<String, String> responses;
    private final BiConsumer<String, String> authorizers;

    /**
     * @param responses   flushes a stage's response cache, by API id and stage name
     * @param authorizers flushes a stage's authorizer answers, by API id and stage name
     */
    StageCacheApi(DeploymentService deployments, BiConsumer<String, String> responses, BiConsumer<String, String> authorizers) {
        this.deployments = deployments;
        this.responses = responses;
        this.authorizers = authorizers;
    }

    public FlushStageCacheResponse flushStageCache(RequestContext ctx, FlushStageCacheRequest r) {
        run(() -> deployments.getStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName()));
        responses.accept(r.restApiId(), r.stageName());
        return FlushStageCacheResponse.builder().build();
    }

    public FlushStageAuthorizersCacheResponse flushStageAuthorizersCache(RequestContext ctx, FlushStageAuthorizersCacheRequest r) {
        run(() -> deployments.getStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName()));
        authorizers.accept(r.restApiId(), r.stageName());
        return FlushStageAuthorizersCacheResponse.builder().build();
    }
}
