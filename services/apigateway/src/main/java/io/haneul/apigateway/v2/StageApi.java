package io.haneul.apigateway.v2;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Stages and deployments; the rules are in {@link StageService}. */
public final class StageApi {

    private final StageService stages;
    private final V2Docs docs;

    StageApi(StageService stages, V2Docs docs) {
        this.stages = stages;
        this.docs = docs;
    }

    public CreateStageResponse createStage(RequestContext ctx, CreateStageRequest r) {
        return docs.read(call(() -> stages.createStage(ctx.accountId(), ctx.region(), r.apiId(), docs.tree(r))), CreateStageResponse.class);
    }

    public GetStageResponse getStage(RequestContext ctx, GetStageRequest r) {
        return docs.read(call(() -> stages.getStage(ctx.accountId(), ctx.region(), r.apiId(), r.stageName())), GetStageResponse.class);
    }

    public GetStagesResponse getStages(RequestContext ctx, GetStagesRequest r) {
        return docs.page(call(() -> Paging.of(stages.stages(ctx.accountId(), ctx.region(), r.apiId()), r.nextToken(), r.maxResults())),
                GetStagesResponse.class);
    }

    public UpdateStageResponse updateStage(RequestContext ctx, UpdateStageRequest r) {
        return docs.read(call(() -> stages.updateStage(ctx.accountId(), ctx.region(), r.apiId(), r.stageName(), docs.tree(r))),
                UpdateStageResponse.class);
    }

    public DeleteStageResponse deleteStage(RequestContext ctx, DeleteStageRequest r) {
        run(() -> stages.deleteStage(ctx.accountId(), ctx.region(), r.apiId(), r.stageName()));
        return DeleteStageResponse.builder().build();
    }

    public DeleteAccessLogSettingsResponse deleteAccessLogSettings(RequestContext ctx, DeleteAccessLogSettingsRequest r) {
        run(() -> stages.removeFromStage(ctx.accountId(), ctx.region(), r.apiId(), r.stageName(), "accessLogSettings", null));
        return DeleteAccessLogSettingsResponse.builder().build();
    }

    public DeleteRouteSettingsResponse deleteRouteSettings(RequestContext ctx, DeleteRouteSettingsRequest r) {
        run(() -> stages.removeFromStage(ctx.accountId(), ctx.region(), r.apiId(), r.stageName(), "routeSettings", r.routeKey()));
        return DeleteRouteSettingsResponse.builder().build();
    }

    public CreateDeploymentResponse createDeployment(RequestContext ctx, CreateDeploymentRequest r) {
        return docs.read(call(() -> stages.createDeployment(ctx.accountId(), ctx.region(), r.apiId(), docs.tree(r))), CreateDeploymentResponse.class);
    }

    public GetDeploymentResponse getDeployment(RequestContext ctx, GetDeploymentRequest r) {
        return docs.read(call(() -> stages.getDeployment(ctx.accountId(), ctx.region(), r.apiId(), r.deploymentId())), GetDeploymentResponse.class);
    }

    public GetDeploymentsResponse getDeployments(RequestContext ctx, GetDeploymentsRequest r) {
        return docs.page(call(() -> Paging.of(stages.deployments(ctx.accountId(), ctx.region(), r.apiId()), r.nextToken(), r.maxResults())),
                GetDeploymentsResponse.class);
    }

    public UpdateDeploymentResponse updateDeployment(RequestContext ctx, UpdateDeploymentRequest r) {
        return docs.read(call(() -> stages.updateDeployment(ctx.accountId(), ctx.region(), r.apiId(), r.deploymentId(), docs.tree(r))),
                UpdateDeploymentResponse.class);
    }

    public DeleteDeploymentResponse deleteDeployment(RequestContext ctx, DeleteDeploymentRequest r) {
        run(() -> stages.deleteDeployment(ctx.accountId(), ctx.region(), r.apiId(), r.deploymentId()));
        return DeleteDeploymentResponse.builder().build();
    }
}
