package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's resources of a REST API: SDK shapes in and out, rules in {@link RestApiService}. A part of {@link ApiGatewayProvider}.
 */
public final class ResourceApi {

    private final RestApiService apis;
    private final Documents docs;

    ResourceApi(RestApiService apis, Documents docs) {
        this.apis = apis;
        this.docs = docs;
    }

    // resources

    public CreateResourceResponse createResource(RequestContext ctx, CreateResourceRequest r) {
        return docs.read(call(() -> apis.createResource(ctx.accountId(), ctx.region(), r.restApiId(), r.parentId(), r.pathPart())),
                CreateResourceResponse.class);
    }

    public GetResourceResponse getResource(RequestContext ctx, GetResourceRequest r) {
        return docs.read(call(() -> apis.getResource(ctx.accountId(), ctx.region(), r.restApiId(), r.resourceId(),
                r.embed().contains("methods"))), GetResourceResponse.class);
    }

    public GetResourcesResponse getResources(RequestContext ctx, GetResourcesRequest r) {
        return docs.page(call(() -> apis.listResources(ctx.accountId(), ctx.region(), r.restApiId(), r.embed().contains("methods"),
                r.position(), r.limit())), GetResourcesResponse.class);
    }

    public UpdateResourceResponse updateResource(RequestContext ctx, UpdateResourceRequest r) {
        return docs.read(call(() -> apis.updateResource(ctx.accountId(), ctx.region(), r.restApiId(), r.resourceId(),
                Documents.ops(r.patchOperations()))), UpdateResourceResponse.class);
    }

    public DeleteResourceResponse deleteResource(RequestContext ctx, DeleteResourceRequest r) {
        run(() -> apis.deleteResource(ctx.accountId(), ctx.region(), r.restApiId(), r.resourceId()));
        return DeleteResourceResponse.builder().build();
    }
}
