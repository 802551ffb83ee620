package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Routes, their responses, and DeleteRouteRequestParameter. */
public final class RouteApi {

    static final ApiChildren.Kind ROUTES = new ApiChildren.Kind(HttpApiService.ROUTE, "routeId", "Route");
    static final ApiChildren.Kind RESPONSES = new ApiChildren.Kind("routeResponse", "routeResponseId", "RouteResponse");

    private final ApiChildren children;
    private final V2Docs docs;

    RouteApi(ApiChildren children, V2Docs docs) {
        this.children = children;
        this.docs = docs;
    }

    public CreateRouteResponse createRoute(RequestContext ctx, CreateRouteRequest r) {
        ObjectNode in = docs.tree(r);
        in.put("apiKeyRequired", in.path("apiKeyRequired").asBoolean(false));
        in.put("authorizationType", in.path("authorizationType").asText("NONE"));
        return docs.read(call(() -> children.create(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, in,
                (route, api) -> check(r.apiId(), null, route, api))), CreateRouteResponse.class);
    }

    public GetRouteResponse getRoute(RequestContext ctx, GetRouteRequest r) {
        return docs.read(call(() -> children.get(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId())), GetRouteResponse.class);
    }

    public GetRoutesResponse getRoutes(RequestContext ctx, GetRoutesRequest r) {
        return docs.page(call(() -> Paging.of(children.list(ctx.accountId(), ctx.region(), r.apiId(), ROUTES), r.nextToken(), r.maxResults())),
                GetRoutesResponse.class);
    }

    public UpdateRouteResponse updateRoute(RequestContext ctx, UpdateRouteRequest r) {
        return docs.read(call(() -> children.update(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId(), docs.tree(r),
                (route, api) -> check(r.apiId(), r.routeId(), route, api))), UpdateRouteResponse.class);
    }

    public DeleteRouteResponse deleteRoute(RequestContext ctx, DeleteRouteRequest r) {
        run(() -> children.delete(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId()));
        return DeleteRouteResponse.builder().build();
    }

    public DeleteRouteRequestParameterResponse deleteRouteRequestParameter(RequestContext ctx, DeleteRouteRequestParameterRequest r) {
        run(() -> {
            ObjectNode route = children.get(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId());
            if (!(route.get("requestParameters") instanceof ObjectNode params) || params.remove(r.requestParameterKey()) == null) {
                throw ApiGatewayException.notFound("Invalid request parameter key specified " + r.requestParameterKey());
            }
            children.items().replace(ROUTES.kind(), r.apiId(), r.routeId(), route);
        });
        return DeleteRouteRequestParameterResponse.builder().build();
    }

    private void check(String apiId, String routeId, ObjectNode route, ObjectNode api) {
        String protocol = api.path("protocolType").asText();
        String key = route.path("routeKey").asText("");
        RouteRules.checkKey(key, protocol);
        RouteRules.checkTarget(route);
        if (children.items().firstWhere(ROUTES.kind(), apiId,
                other -> other.path("routeKey").asText().equals(key) && !other.path("routeId").asText().equals(routeId)).isPresent()) {
            throw ApiGatewayException.conflict("Unable to complete operation due to concurrent modification. Please try again later.");
        }
    }

    // route responses

    public CreateRouteResponseResponse createRouteResponse(RequestContext ctx, CreateRouteResponseRequest r) {
        return docs.read(call(() -> children.create(ctx.accountId(), ctx.region(),
                children.under(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId()), RESPONSES, docs.tree(r),
                (rr, api) -> checkResponse(rr, api))), CreateRouteResponseResponse.class);
    }

    public GetRouteResponseResponse getRouteResponse(RequestContext ctx, GetRouteResponseRequest r) {
        return docs.read(call(() -> children.get(ctx.accountId(), ctx.region(),
                children.under(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId()), RESPONSES, r.routeResponseId())),
                GetRouteResponseResponse.class);
    }

    public GetRouteResponsesResponse getRouteResponses(RequestContext ctx, GetRouteResponsesRequest r) {
        return docs.page(call(() -> Paging.of(children.list(ctx.accountId(), ctx.region(),
                children.under(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId()), RESPONSES), r.nextToken(), r.maxResults())),
                GetRouteResponsesResponse.class);
    }

    public UpdateRouteResponseResponse updateRouteResponse(RequestContext ctx, UpdateRouteResponseRequest r) {
        return docs.read(call(() -> children.update(ctx.accountId(), ctx.region(),
                children.under(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId()), RESPONSES, r.routeResponseId(), docs.tree(r),
                this::checkResponse)), UpdateRouteResponseResponse.class);
    }

    public DeleteRouteResponseResponse deleteRouteResponse(RequestContext ctx, DeleteRouteResponseRequest r) {
        run(() -> children.delete(ctx.accountId(), ctx.region(),
                children.under(ctx.accountId(), ctx.region(), r.apiId(), ROUTES, r.routeId()), RESPONSES, r.routeResponseId()));
        return DeleteRouteResponseResponse.builder().build();
    }

    /** Route responses are a WebSocket feature (two-way routes). */
    private void checkResponse(ObjectNode response, ObjectNode api) {
        if (api.path("protocolType").asText().equals("HTTP")) {
            throw ApiGatewayException.badRequest("Route responses are not supported for HTTP APIs");
        }
        V2Items.require(response, "routeResponseKey", "RouteResponseKey is required");
    }
}
