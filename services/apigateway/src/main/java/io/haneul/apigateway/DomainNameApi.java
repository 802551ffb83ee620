package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * Custom domain names and base path mappings: SDK shapes in and out, rules in {@link DomainNameService}.
 * A part of {@link ApiGatewayProvider}.
 */
public final class DomainNameApi {

    private final DomainNameService domains;
    private final Documents docs;

    DomainNameApi(DomainNameService domains, Documents docs) {
        this.domains = domains;
        this.docs = docs;
    }

    public CreateDomainNameResponse createDomainName(RequestContext ctx, CreateDomainNameRequest r) {
        return docs.read(call(() -> domains.create(ctx.accountId(), ctx.region(), docs.tree(r))), CreateDomainNameResponse.class);
    }

    public GetDomainNameResponse getDomainName(RequestContext ctx, GetDomainNameRequest r) {
        return docs.read(call(() -> domains.get(ctx.accountId(), ctx.region(), r.domainName())), GetDomainNameResponse.class);
    }

    public GetDomainNamesResponse getDomainNames(RequestContext ctx, GetDomainNamesRequest r) {
        return docs.page(call(() -> domains.list(ctx.accountId(), ctx.region(), r.position(), r.limit())), GetDomainNamesResponse.class);
    }

    public UpdateDomainNameResponse updateDomainName(RequestContext ctx, UpdateDomainNameRequest r) {
        return docs.read(call(() -> domains.update(ctx.accountId(), ctx.region(), r.domainName(), Documents.ops(r.patchOperations()))),
                UpdateDomainNameResponse.class);
    }

    public DeleteDomainNameResponse deleteDomainName(RequestContext ctx, DeleteDomainNameRequest r) {
        run(() -> domains.delete(ctx.accountId(), ctx.region(), r.domainName()));
        return DeleteDomainNameResponse.builder().build();
    }

    public CreateBasePathMappingResponse createBasePathMapping(RequestContext ctx, CreateBasePathMappingRequest r) {
        return docs.read(call(() -> domains.createMapping(ctx.accountId(), ctx.region(), r.domainName(), docs.tree(r))),
                CreateBasePathMappingResponse.class);
    }

    public GetBasePathMappingResponse getBasePathMapping(RequestContext ctx, GetBasePathMappingRequest r) {
        return docs.read(call(() -> domains.getMapping(ctx.accountId(), ctx.region(), r.domainName(), r.basePath())),
                GetBasePathMappingResponse.class);
    }

    public GetBasePathMappingsResponse getBasePathMappings(RequestContext ctx, GetBasePathMappingsRequest r) {
        return docs.page(call(() -> domains.listMappings(ctx.accountId(), ctx.region(), r.domainName(), r.position(), r.limit())),
                GetBasePathMappingsResponse.class);
    }

    public UpdateBasePathMappingResponse updateBasePathMapping(RequestContext ctx, UpdateBasePathMappingRequest r) {
        return docs.read(call(() -> domains.updateMapping(ctx.accountId(), ctx.region(), r.domainName(), r.basePath(),
                Documents.ops(r.patchOperations()))), UpdateBasePathMappingResponse.class);
    }

    public DeleteBasePathMappingResponse deleteBasePathMapping(RequestContext ctx, DeleteBasePathMappingRequest r) {
        run(() -> domains.deleteMapping(ctx.accountId(), ctx.region(), r.domainName(), r.basePath()));
        return DeleteBasePathMappingResponse.builder().build();
    }
}
