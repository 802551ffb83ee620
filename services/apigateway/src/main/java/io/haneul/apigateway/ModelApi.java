package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's models: SDK shapes in and out, rules in {@link ModelService}. A part of {@link ApiGatewayProvider}.
 */
public final class ModelApi {

    private final ModelService models;
    private final Documents docs;

    ModelApi(ModelService models, Documents docs) {
        this.models = models;
        this.docs = docs;
    }

    // models

    public CreateModelResponse createModel(RequestContext ctx, CreateModelRequest r) {
        return docs.read(call(() -> models.create(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))), CreateModelResponse.class);
    }

    public GetModelResponse getModel(RequestContext ctx, GetModelRequest r) {
        return docs.read(call(() -> models.get(ctx.accountId(), ctx.region(), r.restApiId(), r.modelName(),
                Boolean.TRUE.equals(r.flatten()))), GetModelResponse.class);
    }

    public GetModelsResponse getModels(RequestContext ctx, GetModelsRequest r) {
        return docs.page(call(() -> models.list(ctx.accountId(), ctx.region(), r.restApiId(), r.position(), r.limit())),
                GetModelsResponse.class);
    }

    public UpdateModelResponse updateModel(RequestContext ctx, UpdateModelRequest r) {
        return docs.read(call(() -> models.update(ctx.accountId(), ctx.region(), r.restApiId(), r.modelName(),
                Documents.ops(r.patchOperations()))), UpdateModelResponse.class);
    }

    public DeleteModelResponse deleteModel(RequestContext ctx, DeleteModelRequest r) {
        run(() -> models.delete(ctx.accountId(), ctx.region(), r.restApiId(), r.modelName()));
        return DeleteModelResponse.builder().build();
    }

    public GetModelTemplateResponse getModelTemplate(RequestContext ctx, GetModelTemplateRequest r) {
        return GetModelTemplateResponse.builder()
                .value(call(() -> models.template(ctx.accountId(), ctx.region(), r.restApiId(), r.modelName()))).build();
    }
}
