package io.haneul.apigateway.v2;

import io.haneul.apigateway.domain.ModelTemplates;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import java.util.HashMap;
import java.util.Map;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/**
 * Models (JSON schemas of WebSocket APIs) and GetModelTemplate: the mapping template the REST API's
 * {@link ModelTemplates} generates, with references to the API's other models (by name) followed.
 */
public final class ModelApi {

    static final ApiChildren.Kind MODELS = new ApiChildren.Kind("model", "modelId", "Model");

    private final ApiChildren children;
    private final V2Docs docs;
    private final ModelTemplates templates = new ModelTemplates();

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

    public GetModelTemplateResponse getModelTemplate(RequestContext ctx, GetModelTemplateRequest r) {
        return GetModelTemplateResponse.builder().value(call(() -> {
            String schema = children.get(ctx.accountId(), ctx.region(), r.apiId(), MODELS, r.modelId()).path("schema").asText();
            Map<String, String> byName = new HashMap<>();
            children.list(ctx.accountId(), ctx.region(), r.apiId(), MODELS).forEach(m -> byName.put(m.path("name").asText(), m.path("schema").asText()));
            return templates.template(schema, byName::get);
        })).build();
    }

    public DeleteModelResponse deleteModel(RequestContext ctx, DeleteModelRequest r) {
        run(() -> children.delete(ctx.accountId(), ctx.region(), r.apiId(), MODELS, r.modelId()));
        return DeleteModelResponse.builder().build();
    }
}
