package io.haneul.apigateway.v2;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Domain names and API mappings; the rules are in {@link DomainNameService}. */
public final class DomainApi {

    private final DomainNameService domains;
    private final V2Docs docs;

    DomainApi(DomainNameService domains, V2Docs docs) {
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
        return docs.page(call(() -> Paging.of(domains.list(ctx.accountId(), ctx.region()), r.nextToken(), r.maxResults())),
                GetDomainNamesResponse.class);
    }

    public UpdateDomainNameResponse updateDomainName(RequestContext ctx, UpdateDomainNameRequest r) {
        return docs.read(call(() -> domains.update(ctx.accountId(), ctx.region(), r.domainName(), docs.tree(r))), UpdateDomainNameResponse.class);
    }

    public DeleteDomainNameResponse deleteDomainName(RequestContext ctx, DeleteDomainNameRequest r) {
        run(() -> domains.delete(ctx.accountId(), ctx.region(), r.domainName()));
        return DeleteDomainNameResponse.builder().build();
    }

    public CreateApiMappingResponse createApiMapping(RequestContext ctx, CreateApiMappingRequest r) {
        return docs.read(call(() -> domains.createMapping(ctx.accountId(), ctx.region(), r.domainName(), docs.tree(r))),
                CreateApiMappingResponse.class);
    }

    public GetApiMappingResponse getApiMapping(RequestContext ctx, GetApiMappingRequest r) {
        return docs.read(call(() -> domains.getMapping(ctx.accountId(), ctx.region(), r.domainName(), r.apiMappingId())),
                GetApiMappingResponse.class);
    }

    public GetApiMappingsResponse getApiMappings(RequestContext ctx, GetApiMappingsRequest r) {
        return docs.page(call(() -> Paging.of(domains.mappingList(ctx.accountId(), ctx.region(), r.domainName()), r.nextToken(), r.maxResults())),
                GetApiMappingsResponse.class);
    }

    public UpdateApiMappingResponse updateApiMapping(RequestContext ctx, UpdateApiMappingRequest r) {
        return docs.read(call(() -> domains.updateMapping(ctx.accountId(), ctx.region(), r.domainName(), r.apiMappingId(), docs.tree(r))),
                UpdateApiMappingResponse.class);
    }

    public DeleteApiMappingResponse deleteApiMapping(RequestContext ctx, DeleteApiMappingRequest r) {
        run(() -> domains.deleteMapping(ctx.accountId(), ctx.region(), r.domainName(), r.apiMappingId()));
        return DeleteApiMappingResponse.builder().build();
    }
}
