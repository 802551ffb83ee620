package io.haneul.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import java.util.List;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's deployments and stages: SDK shapes in and out, rules in {@link DeploymentService}. A part of {@link ApiGatewayProvider}.
 */
public final class DeploymentApi {

    private final DeploymentService deployments;
    private final Documents docs;

    /** Empties a stage's response cache, by API id and stage name: a disabled cache cluster is gone on AWS. */
    private final java.util.function.BiConsumer<String, String> flushCache;

    DeploymentApi(DeploymentService deployments, Documents docs, java.util.function.BiConsumer<String, String> flushCache) {
        this.deployments = deployments;
        this.docs = docs;
        this.flushCache = flushCache;
    }

    // deployments

    public CreateDeploymentResponse createDeployment(RequestContext ctx, CreateDeploymentRequest r) {
        return docs.read(call(() -> deployments.createDeployment(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))),
                CreateDeploymentResponse.class);
    }

    public GetDeploymentResponse getDeployment(RequestContext ctx, GetDeploymentRequest r) {
        return docs.read(call(() -> deployments.getDeployment(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId(),
                r.embed().stream().anyMatch(e -> e.equalsIgnoreCase("apisummary")))), GetDeploymentResponse.class);
    }

    public GetDeploymentsResponse getDeployments(RequestContext ctx, GetDeploymentsRequest r) {
        return docs.page(call(() -> deployments.listDeployments(ctx.accountId(), ctx.region(), r.restApiId(), r.position(), r.limit())),
                GetDeploymentsResponse.class);
    }

    public UpdateDeploymentResponse updateDeployment(RequestContext ctx, UpdateDeploymentRequest r) {
        return docs.read(call(() -> deployments.updateDeployment(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId(),
                Documents.ops(r.patchOperations()))), UpdateDeploymentResponse.class);
    }

    public DeleteDeploymentResponse deleteDeployment(RequestContext ctx, DeleteDeploymentRequest r) {
        run(() -> deployments.deleteDeployment(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId()));
        return DeleteDeploymentResponse.builder().build();
    }

    // stages

    public CreateStageResponse createStage(RequestContext ctx, CreateStageRequest r) {
        return docs.read(call(() -> deployments.createStage(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))),
                CreateStageResponse.class);
    }

    public GetStageResponse getStage(RequestContext ctx, GetStageRequest r) {
        return docs.read(call(() -> deployments.getStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName())),
                GetStageResponse.class);
    }

    public GetStagesResponse getStages(RequestContext ctx, GetStagesRequest r) {
        List<ObjectNode> stages = call(() -> deployments.listStages(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId()));
        ObjectNode out = docs.object();
        out.putArray("item").addAll(stages);
        return docs.read(out, GetStagesResponse.class);
    }

    public UpdateStageResponse updateStage(RequestContext ctx, UpdateStageRequest r) {
        ObjectNode stage = call(() -> deployments.updateStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName(),
                Documents.ops(r.patchOperations())));
        if (!stage.path("cacheClusterEnabled").asBoolean(false)) {
            flushCache.accept(r.restApiId(), r.stageName());
        }
        return docs.read(stage, UpdateStageResponse.class);
    }

    public DeleteStageResponse deleteStage(RequestContext ctx, DeleteStageRequest r) {
        run(() -> deployments.deleteStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName()));
        flushCache.accept(r.restApiId(), r.stageName()); // a stage made again under the name starts with an empty cache
        return DeleteStageResponse.builder().build();
    }
}
