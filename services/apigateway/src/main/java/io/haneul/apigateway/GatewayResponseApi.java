package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's gateway responses: SDK shapes in and out, rules in {@link GatewayResponseService}. A part of {@link ApiGatewayProvider}.
 */
public final class GatewayResponseApi {

    private final GatewayResponseService responses;
    private final Documents docs;

    GatewayResponseApi(GatewayResponseService responses, Documents docs) {
        this.responses = responses;
        this.docs = docs;
    }

    public PutGatewayResponseResponse putGatewayResponse(RequestContext ctx, PutGatewayResponseRequest r) {
        return docs.read(call(() -> responses.put(ctx.accountId(), ctx.region(), r.restApiId(), r.responseTypeAsString(), docs.tree(r))),
                PutGatewayResponseResponse.class);
    }

    public GetGatewayResponseResponse getGatewayResponse(RequestContext ctx, GetGatewayResponseRequest r) {
        return docs.read(call(() -> responses.get(ctx.accountId(), ctx.region(), r.restApiId(), r.responseTypeAsString())),
                GetGatewayResponseResponse.class);
    }

    public GetGatewayResponsesResponse getGatewayResponses(RequestContext ctx, GetGatewayResponsesRequest r) {
        return docs.read(call(() -> responses.list(ctx.accountId(), ctx.region(), r.restApiId(), r.position(), r.limit())),
                GetGatewayResponsesResponse.class);
    }

    public UpdateGatewayResponseResponse updateGatewayResponse(RequestContext ctx, UpdateGatewayResponseRequest r) {
        return docs.read(call(() -> responses.update(ctx.accountId(), ctx.region(), r.restApiId(), r.responseTypeAsString(),
                Documents.ops(r.patchOperations()))), UpdateGatewayResponseResponse.class);
    }

    public DeleteGatewayResponseResponse deleteGatewayResponse(RequestContext ctx, DeleteGatewayResponseRequest r) {
        run(() -> responses.delete(ctx.accountId(), ctx.region(), r.restApiId(), r.responseTypeAsString()));
        return DeleteGatewayResponseResponse.builder().build();
    }
}
