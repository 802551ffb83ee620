package io.haneul.apigateway.v2;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Models (JSON schemas of WebSocket APIs). GetModelTemplate is not offered. */
public final class ModelApi {

    static final ApiChildren.Kind MODELS = new ApiChildren.Kind("model", "modelId", "Model");

    private final ApiChildren children;
    private final V2Docs docs;

    ModelApi(ApiChildren children, V2Docs docs) {
        this.children = children;
        this.docs = docs;
    }

    public CreateModelResponse createModel(RequestContext ctx, CreateModelRequest r) {
        return docs.read(call(() -> children.create(ctx.accountId(), ctx.region(), r.apiId(), MODELS, docs.tree(r), (m, api) -> {
            V2Items.require(m, "name", "Name is required");
            V2Items.require(m, "schema", "Schema is required");
            if (children.items().firstWhere(MODELS.kind(), r.apiId(), o -> o.path("name").asText().equals(m.path("name").asText())).isPresent()) {
                throw io.haneul.apigateway.domain.ApiGatewayException.conflict("Model name already exists for this API");
            }
        })), CreateModelResponse.class);
    }

    public GetModelResponse getModel(RequestContext ctx, GetModelRequest r) {
        return docs.read(call(() -> children.get(ctx.accountId(), ctx.region(), r.apiId(), MODELS, r.modelId())), GetModelResponse.class);
    }

    public GetModelsResponse getModels(RequestContext ctx, GetModelsRequest r) {
        return docs.page(call(() -> Paging.of(children.list(ctx.accountId(), ctx.region(), r.apiId(), MODELS), r.nextToken(), r.maxResults())),
                GetModelsResponse.class);
    }

    public UpdateModelResponse updateModel(RequestContext ctx, UpdateModelRequest r) {
        return docs.read(call(() -> children.update(ctx.accountId(), ctx.region(), r.apiId(), MODELS, r.modelId(), docs.tree(r), (m, api) -> {
        })), UpdateModelResponse.class);
    }

    public DeleteModelResponse deleteModel(RequestContext ctx, DeleteModelRequest r) {
        run(() -> children.delete(ctx.accountId(), ctx.region(), r.apiId(), MODELS, r.modelId()));
        return DeleteModelResponse.builder().build();
    }
}
