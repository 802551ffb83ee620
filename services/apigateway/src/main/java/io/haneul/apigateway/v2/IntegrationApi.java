package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Integrations and their responses. */
public final class IntegrationApi {

    static final ApiChildren.Kind INTEGRATIONS = new ApiChildren.Kind(HttpApiService.INTEGRATION, "integrationId", "Integration");
    static final ApiChildren.Kind RESPONSES = new ApiChildren.Kind("integrationResponse", "integrationResponseId", "IntegrationResponse");

    private final ApiChildren children;
    private final V2Docs docs;

    IntegrationApi(ApiChildren children, V2Docs docs) {
        this.children = children;
        this.docs = docs;
    }

    public CreateIntegrationResponse createIntegration(RequestContext ctx, CreateIntegrationRequest r) {
        return docs.read(call(() -> children.create(ctx.accountId(), ctx.region(), r.apiId(), INTEGRATIONS, docs.tree(r), (in, api) -> {
            String protocol = api.path("protocolType").asText();
            IntegrationRules.defaults(in, protocol);
            IntegrationRules.check(in, protocol);
        })), CreateIntegrationResponse.class);
    }

    public GetIntegrationResponse getIntegration(RequestContext ctx, GetIntegrationRequest r) {
        return docs.read(call(() -> children.get(ctx.accountId(), ctx.region(), r.apiId(), INTEGRATIONS, r.integrationId())),
                GetIntegrationResponse.class);
    }

    public GetIntegrationsResponse getIntegrations(RequestContext ctx, GetIntegrationsRequest r) {
        return docs.page(call(() -> Paging.of(children.list(ctx.accountId(), ctx.region(), r.apiId(), INTEGRATIONS), r.nextToken(), r.maxResults())),
                GetIntegrationsResponse.class);
    }

    public UpdateIntegrationResponse updateIntegration(RequestContext ctx, UpdateIntegrationRequest r) {
        return docs.read(call(() -> children.update(ctx.accountId(), ctx.region(), r.apiId(), INTEGRATIONS, r.integrationId(), docs.tree(r),
                (merged, api) -> IntegrationRules.check(merged, api.path("protocolType").asText()))), UpdateIntegrationResponse.class);
    }

    public DeleteIntegrationResponse deleteIntegration(RequestContext ctx, DeleteIntegrationRequest r) {
        run(() -> {
            String target = "integrations/" + r.integrationId();
            if (children.items().api(ctx.accountId(), ctx.region(), r.apiId()) != null && children.items().firstWhere(HttpApiService.ROUTE, r.apiId(),
                    route -> route.path("target").asText().equals(target)).isPresent()) {
                throw ApiGatewayException.conflict("Cannot delete integration " + r.integrationId() + ": a route targets it");
            }
            children.delete(ctx.accountId(), ctx.region(), r.apiId(), INTEGRATIONS, r.integrationId());
        });
        return DeleteIntegrationResponse.builder().build();
    }

    // integration responses (WebSocket APIs)

    public CreateIntegrationResponseResponse createIntegrationResponse(RequestContext ctx, CreateIntegrationResponseRequest r) {
        return docs.read(call(() -> children.create(ctx.accountId(), ctx.region(), scope(ctx, r.apiId(), r.integrationId()), RESPONSES,
                docs.tree(r), this::checkResponse)), CreateIntegrationResponseResponse.class);
    }

    public GetIntegrationResponseResponse getIntegrationResponse(RequestContext ctx, GetIntegrationResponseRequest r) {
        return docs.read(call(() -> children.get(ctx.accountId(), ctx.region(), scope(ctx, r.apiId(), r.integrationId()), RESPONSES,
                r.integrationResponseId())), GetIntegrationResponseResponse.class);
    }

    public GetIntegrationResponsesResponse getIntegrationResponses(RequestContext ctx, GetIntegrationResponsesRequest r) {
        return docs.page(call(() -> Paging.of(children.list(ctx.accountId(), ctx.region(), scope(ctx, r.apiId(), r.integrationId()), RESPONSES),
                r.nextToken(), r.maxResults())), GetIntegrationResponsesResponse.class);
    }

    public UpdateIntegrationResponseResponse updateIntegrationResponse(RequestContext ctx, UpdateIntegrationResponseRequest r) {
        return docs.read(call(() -> children.update(ctx.accountId(), ctx.region(), scope(ctx, r.apiId(), r.integrationId()), RESPONSES,
                r.integrationResponseId(), docs.tree(r), this::checkResponse)), UpdateIntegrationResponseResponse.class);
    }

    public DeleteIntegrationResponseResponse deleteIntegrationResponse(RequestContext ctx, DeleteIntegrationResponseRequest r) {
        run(() -> children.delete(ctx.accountId(), ctx.region(), scope(ctx, r.apiId(), r.integrationId()), RESPONSES, r.integrationResponseId()));
        return DeleteIntegrationResponseResponse.builder().build();
    }

    private String scope(RequestContext ctx, String apiId, String integrationId) {
        return children.under(ctx.accountId(), ctx.region(), apiId, INTEGRATIONS, integrationId);
    }

    private void checkResponse(ObjectNode response, ObjectNode api) {
        if (api.path("protocolType").asText().equals("HTTP")) {
            throw ApiGatewayException.badRequest("Integration responses are not supported for HTTP APIs");
        }
        V2Items.require(response, "integrationResponseKey", "IntegrationResponseKey is required");
    }
}
