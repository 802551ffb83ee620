package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.haneul.apigateway.v2.V2Docs.call;

/**
 * ImportApi, ReimportApi and ExportApi for HTTP APIs (OpenAPI 3, see {@link OpenApiDocuments}). A
 * reimport replaces the API's routes and integrations with the definition's. Export describes
 * the API as it is now (a {@code StageName} must name an existing stage).
 */
public final class ImportExportApi {

    private final HttpApiService apis;
    private final ApiChildren children;
    private final OpenApiDocuments openApi;
    private final V2Docs docs;

    ImportExportApi(HttpApiService apis, ApiChildren children, OpenApiDocuments openApi, V2Docs docs) {
        this.apis = apis;
        this.children = children;
        this.openApi = openApi;
        this.docs = docs;
    }

    public ImportApiResponse importApi(RequestContext ctx, ImportApiRequest r) {
        return docs.read(call(() -> {
            OpenApiDocuments.Imported imported = openApi.read(r.body());
            ObjectNode api = apis.create(ctx.accountId(), ctx.region(), ctx.scheme(),
                    ctx.host() == null || ctx.host().isEmpty() ? "localhost:4566" : ctx.host(), imported.api());
            addRoutes(ctx, api.get("apiId").asText(), imported);
            return api;
        }), ImportApiResponse.class);
    }

    public ReimportApiResponse reimportApi(RequestContext ctx, ReimportApiRequest r) {
        return docs.read(call(() -> {
            ObjectNode api = apis.get(ctx.accountId(), ctx.region(), r.apiId());
            if (!api.path("protocolType").asText().equals("HTTP")) {
                throw ApiGatewayException.badRequest("Reimport is only supported for HTTP APIs");
            }
            OpenApiDocuments.Imported imported = openApi.read(r.body());
            for (ObjectNode route : children.list(ctx.accountId(), ctx.region(), r.apiId(), RouteApi.ROUTES)) {
                children.delete(ctx.accountId(), ctx.region(), r.apiId(), RouteApi.ROUTES, route.get("routeId").asText());
            }
            for (ObjectNode integration : children.list(ctx.accountId(), ctx.region(), r.apiId(), IntegrationApi.INTEGRATIONS)) {
                children.delete(ctx.accountId(), ctx.region(), r.apiId(), IntegrationApi.INTEGRATIONS, integration.get("integrationId").asText());
            }
            for (ObjectNode authorizer : children.list(ctx.accountId(), ctx.region(), r.apiId(), AuthorizerApi.AUTHORIZERS)) {
                children.delete(ctx.accountId(), ctx.region(), r.apiId(), AuthorizerApi.AUTHORIZERS, authorizer.get("authorizerId").asText());
            }
            ObjectNode update = imported.api();
            update.remove("protocolType");
            if (!update.has("corsConfiguration")) {
                apis.deleteCors(ctx.accountId(), ctx.region(), r.apiId());
            }
            ObjectNode updated = apis.update(ctx.accountId(), ctx.region(), r.apiId(), update);
            addRoutes(ctx, r.apiId(), imported);
            return updated;
        }), ReimportApiResponse.class);
    }

    public ExportApiResponse exportApi(RequestContext ctx, ExportApiRequest r) {
        String text = call(() -> {
            ObjectNode api = apis.get(ctx.accountId(), ctx.region(), r.apiId());
            if (!"OAS30".equals(r.specification())) {
                throw ApiGatewayException.badRequest("Invalid specification " + r.specification() + ". Supported: OAS30");
            }
            if (!"JSON".equals(r.outputType()) && !"YAML".equals(r.outputType())) {
                throw ApiGatewayException.badRequest("Invalid outputType " + r.outputType() + ". Supported: JSON, YAML");
            }
            if (r.stageName() != null) {
                children.items().get(HttpApiService.STAGE, r.apiId(), r.stageName(), "Stage");
            }
            Map<String, ObjectNode> integrations = new LinkedHashMap<>();
            children.list(ctx.accountId(), ctx.region(), r.apiId(), IntegrationApi.INTEGRATIONS)
                    .forEach(i -> integrations.put(i.get("integrationId").asText(), i));
            Map<String, ObjectNode> authorizers = new LinkedHashMap<>();
            children.list(ctx.accountId(), ctx.region(), r.apiId(), AuthorizerApi.AUTHORIZERS)
                    .forEach(a -> authorizers.put(a.get("authorizerId").asText(), a));
            return openApi.write(api, children.list(ctx.accountId(), ctx.region(), r.apiId(), RouteApi.ROUTES), integrations, authorizers,
                    r.includeExtensions() == null || r.includeExtensions(), "YAML".equals(r.outputType()));
        });
        return ExportApiResponse.builder().body(SdkBytes.fromString(text, StandardCharsets.UTF_8)).build();
    }

    private void addRoutes(RequestContext ctx, String apiId, OpenApiDocuments.Imported imported) {
        Map<String, String> authorizerIds = new LinkedHashMap<>();
        for (ObjectNode in : imported.authorizers()) {
            ObjectNode made = children.create(ctx.accountId(), ctx.region(), apiId, AuthorizerApi.AUTHORIZERS, in, AuthorizerApi::check);
            authorizerIds.put(made.get("name").asText(), made.get("authorizerId").asText());
        }
        for (OpenApiDocuments.ImportedRoute route : imported.routes()) {
            ObjectNode in = route.integration() == null ? null : route.integration();
            String target = null;
            if (in != null) {
                ObjectNode integration = children.create(ctx.accountId(), ctx.region(), apiId, IntegrationApi.INTEGRATIONS, in, (i, api) -> {
                    IntegrationRules.defaults(i, "HTTP");
                    IntegrationRules.check(i, "HTTP");
                });
                target = "integrations/" + integration.get("integrationId").asText();
            }
            ObjectNode r = in == null ? new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode() : in.objectNode();
            r.put("routeKey", route.routeKey());
            r.put("apiKeyRequired", false);
            r.put("authorizationType", route.auth().type());
            if (route.auth().authorizerName() != null) {
                String id = authorizerIds.get(route.auth().authorizerName());
                if (id == null) {
                    throw ApiGatewayException.badRequest("Unknown authorizer " + route.auth().authorizerName());
                }
                r.put("authorizerId", id);
                if (!route.auth().scopes().isEmpty()) {
                    r.set("authorizationScopes", r.arrayNode().addAll(route.auth().scopes().stream()
                            .map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList()));
                }
            }
            if (target != null) {
                r.put("target", target);
            }
            RouteRules.checkKey(route.routeKey(), "HTTP");
            children.create(ctx.accountId(), ctx.region(), apiId, RouteApi.ROUTES, r, (x, api) -> {
            });
        }
    }
}
