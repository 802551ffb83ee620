package io.haneul.apigateway;

import io.haneul.apigateway.MethodService.MethodKey;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's methods, method responses, integrations and integration responses: SDK shapes in and out, rules in {@link MethodService}. A part of {@link ApiGatewayProvider}.
 */
public final class MethodApi {

    private final MethodService methods;
    private final Documents docs;

    MethodApi(MethodService methods, Documents docs) {
        this.methods = methods;
        this.docs = docs;
    }

    // methods

    public PutMethodResponse putMethod(RequestContext ctx, PutMethodRequest r) {
        return docs.read(call(() -> methods.putMethod(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()), docs.tree(r))),
                PutMethodResponse.class);
    }

    public GetMethodResponse getMethod(RequestContext ctx, GetMethodRequest r) {
        return docs.read(call(() -> methods.getMethod(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()))), GetMethodResponse.class);
    }

    public UpdateMethodResponse updateMethod(RequestContext ctx, UpdateMethodRequest r) {
        return docs.read(call(() -> methods.updateMethod(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()),
                Documents.ops(r.patchOperations()))), UpdateMethodResponse.class);
    }

    public DeleteMethodResponse deleteMethod(RequestContext ctx, DeleteMethodRequest r) {
        run(() -> methods.deleteMethod(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod())));
        return DeleteMethodResponse.builder().build();
    }

    public PutMethodResponseResponse putMethodResponse(RequestContext ctx, PutMethodResponseRequest r) {
        return docs.read(call(() -> methods.putMethodResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()), r.statusCode(),
                docs.tree(r))), PutMethodResponseResponse.class);
    }

    public GetMethodResponseResponse getMethodResponse(RequestContext ctx, GetMethodResponseRequest r) {
        return docs.read(call(() -> methods.getMethodResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()), r.statusCode())),
                GetMethodResponseResponse.class);
    }

    public UpdateMethodResponseResponse updateMethodResponse(RequestContext ctx, UpdateMethodResponseRequest r) {
        return docs.read(call(() -> methods.updateMethodResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()),
                r.statusCode(), Documents.ops(r.patchOperations()))), UpdateMethodResponseResponse.class);
    }

    public DeleteMethodResponseResponse deleteMethodResponse(RequestContext ctx, DeleteMethodResponseRequest r) {
        run(() -> methods.deleteMethodResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()), r.statusCode()));
        return DeleteMethodResponseResponse.builder().build();
    }

    // integrations

    public PutIntegrationResponse putIntegration(RequestContext ctx, PutIntegrationRequest r) {
        return docs.read(call(() -> methods.putIntegration(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()), docs.tree(r))),
                PutIntegrationResponse.class);
    }

    public GetIntegrationResponse getIntegration(RequestContext ctx, GetIntegrationRequest r) {
        return docs.read(call(() -> methods.getIntegration(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()))),
                GetIntegrationResponse.class);
    }

    public UpdateIntegrationResponse updateIntegration(RequestContext ctx, UpdateIntegrationRequest r) {
        return docs.read(call(() -> methods.updateIntegration(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()),
                Documents.ops(r.patchOperations()))), UpdateIntegrationResponse.class);
    }

    public DeleteIntegrationResponse deleteIntegration(RequestContext ctx, DeleteIntegrationRequest r) {
        run(() -> methods.deleteIntegration(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod())));
        return DeleteIntegrationResponse.builder().build();
    }

    public PutIntegrationResponseResponse putIntegrationResponse(RequestContext ctx, PutIntegrationResponseRequest r) {
        return docs.read(call(() -> methods.putIntegrationResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()),
                r.statusCode(), docs.tree(r))), PutIntegrationResponseResponse.class);
    }

    public GetIntegrationResponseResponse getIntegrationResponse(RequestContext ctx, GetIntegrationResponseRequest r) {
        return docs.read(call(() -> methods.getIntegrationResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()),
                r.statusCode())), GetIntegrationResponseResponse.class);
    }

    public UpdateIntegrationResponseResponse updateIntegrationResponse(RequestContext ctx, UpdateIntegrationResponseRequest r) {
        return docs.read(call(() -> methods.updateIntegrationResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()),
                r.statusCode(), Documents.ops(r.patchOperations()))), UpdateIntegrationResponseResponse.class);
    }

    public DeleteIntegrationResponseResponse deleteIntegrationResponse(RequestContext ctx, DeleteIntegrationResponseRequest r) {
        run(() -> methods.deleteIntegrationResponse(key(ctx, r.restApiId(), r.resourceId(), r.httpMethod()), r.statusCode()));
        return DeleteIntegrationResponseResponse.builder().build();
    }

    private static MethodKey key(RequestContext ctx, String apiId, String resourceId, String httpMethod) {
        return new MethodKey(ctx.accountId(), ctx.region(), apiId, resourceId, httpMethod);
    }
}
