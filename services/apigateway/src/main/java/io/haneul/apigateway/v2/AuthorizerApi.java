package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Authorizers (JWT and REQUEST) and ResetAuthorizersCache. */
public final class AuthorizerApi {

    static final ApiChildren.Kind AUTHORIZERS = new ApiChildren.Kind("authorizer", "authorizerId", "Authorizer");

    private final ApiChildren children;
    private final V2Docs docs;

    AuthorizerApi(ApiChildren children, V2Docs docs) {
        this.children = children;
        this.docs = docs;
    }

    public CreateAuthorizerResponse createAuthorizer(RequestContext ctx, CreateAuthorizerRequest r) {
        return docs.read(call(() -> children.create(ctx.accountId(), ctx.region(), r.apiId(), AUTHORIZERS, docs.tree(r),
                AuthorizerApi::check)), CreateAuthorizerResponse.class);
    }

    public GetAuthorizerResponse getAuthorizer(RequestContext ctx, GetAuthorizerRequest r) {
        return docs.read(call(() -> children.get(ctx.accountId(), ctx.region(), r.apiId(), AUTHORIZERS, r.authorizerId())),
                GetAuthorizerResponse.class);
    }

    public GetAuthorizersResponse getAuthorizers(RequestContext ctx, GetAuthorizersRequest r) {
        return docs.page(call(() -> Paging.of(children.list(ctx.accountId(), ctx.region(), r.apiId(), AUTHORIZERS), r.nextToken(), r.maxResults())),
                GetAuthorizersResponse.class);
    }

    public UpdateAuthorizerResponse updateAuthorizer(RequestContext ctx, UpdateAuthorizerRequest r) {
        return docs.read(call(() -> children.update(ctx.accountId(), ctx.region(), r.apiId(), AUTHORIZERS, r.authorizerId(), docs.tree(r),
                AuthorizerApi::check)), UpdateAuthorizerResponse.class);
    }

    public DeleteAuthorizerResponse deleteAuthorizer(RequestContext ctx, DeleteAuthorizerRequest r) {
        run(() -> children.delete(ctx.accountId(), ctx.region(), r.apiId(), AUTHORIZERS, r.authorizerId()));
        return DeleteAuthorizerResponse.builder().build();
    }

    /** Haneul keeps no authorizer results between invocations beyond their TTL; the call checks the stage exists. */
    public ResetAuthorizersCacheResponse resetAuthorizersCache(RequestContext ctx, ResetAuthorizersCacheRequest r) {
        run(() -> {
            children.items().api(ctx.accountId(), ctx.region(), r.apiId());
            children.items().get(HttpApiService.STAGE, r.apiId(), r.stageName(), "Stage");
        });
        return ResetAuthorizersCacheResponse.builder().build();
    }

    static void check(ObjectNode a, ObjectNode api) {
        V2Items.require(a, "name", "Name is required");
        String type = V2Items.require(a, "authorizerType", "AuthorizerType is required");
        boolean http = api.path("protocolType").asText().equals("HTTP");
        if (type.equals("JWT")) {
            if (!http) {
                throw ApiGatewayException.badRequest("JWT authorizers are only supported for HTTP APIs");
            }
            if (!a.path("jwtConfiguration").path("issuer").isTextual()) {
                throw ApiGatewayException.badRequest("JwtConfiguration.Issuer is required for JWT authorizers");
            }
            if (a.path("identitySource").size() != 1) {
                throw ApiGatewayException.badRequest("A JWT authorizer must have exactly one identity source");
            }
        } else if (type.equals("REQUEST")) {
            V2Items.require(a, "authorizerUri", "AuthorizerUri is required for REQUEST authorizers");
            if (http) {
                String version = V2Items.require(a, "authorizerPayloadFormatVersion",
                        "AuthorizerPayloadFormatVersion is required for REQUEST authorizers of HTTP APIs");
                if (!version.equals("1.0") && !version.equals("2.0")) {
                    throw ApiGatewayException.badRequest("Invalid AuthorizerPayloadFormatVersion " + version);
                }
                if (a.path("enableSimpleResponses").asBoolean(false) && !version.equals("2.0")) {
                    throw ApiGatewayException.badRequest("EnableSimpleResponses is only supported for payload format version 2.0");
                }
            }
        } else {
            throw ApiGatewayException.badRequest("Invalid authorizer type " + type + ". Valid values are JWT and REQUEST");
        }
        int ttl = a.path("authorizerResultTtlInSeconds").asInt(0);
        if (ttl < 0 || ttl > 3600) {
            throw ApiGatewayException.badRequest("AuthorizerResultTtlInSeconds must be between 0 and 3600");
        }
    }
}
