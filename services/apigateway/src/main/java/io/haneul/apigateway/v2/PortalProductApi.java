package io.haneul.apigateway.v2;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Portal products and their sharing policies; the rules are in {@link PortalProductService}. */
public final class PortalProductApi {

    private final PortalProductService products;
    private final V2Docs docs;

    PortalProductApi(PortalProductService products, V2Docs docs) {
        this.products = products;
        this.docs = docs;
    }

    public CreatePortalProductResponse createPortalProduct(RequestContext ctx, CreatePortalProductRequest r) {
        return docs.read(call(() -> products.create(ctx.accountId(), ctx.region(), docs.tree(r))), CreatePortalProductResponse.class);
    }

    public GetPortalProductResponse getPortalProduct(RequestContext ctx, GetPortalProductRequest r) {
        return docs.read(call(() -> products.get(ctx.accountId(), ctx.region(), r.portalProductId())), GetPortalProductResponse.class);
    }

    public ListPortalProductsResponse listPortalProducts(RequestContext ctx, ListPortalProductsRequest r) {
        return docs.page(call(() -> Paging.of(products.list(ctx.accountId(), ctx.region()), r.nextToken(), r.maxResults())),
                ListPortalProductsResponse.class);
    }

    public UpdatePortalProductResponse updatePortalProduct(RequestContext ctx, UpdatePortalProductRequest r) {
        return docs.read(call(() -> products.update(ctx.accountId(), ctx.region(), r.portalProductId(), docs.tree(r))),
                UpdatePortalProductResponse.class);
    }

    public DeletePortalProductResponse deletePortalProduct(RequestContext ctx, DeletePortalProductRequest r) {
        run(() -> products.delete(ctx.accountId(), ctx.region(), r.portalProductId()));
        return DeletePortalProductResponse.builder().build();
    }

    public PutPortalProductSharingPolicyResponse putPortalProductSharingPolicy(RequestContext ctx, PutPortalProductSharingPolicyRequest r) {
        run(() -> products.putPolicy(ctx.accountId(), ctx.region(), r.portalProductId(), r.policyDocument()));
        return PutPortalProductSharingPolicyResponse.builder().build();
    }

    public GetPortalProductSharingPolicyResponse getPortalProductSharingPolicy(RequestContext ctx, GetPortalProductSharingPolicyRequest r) {
        return docs.read(call(() -> products.policy(ctx.accountId(), ctx.region(), r.portalProductId())), GetPortalProductSharingPolicyResponse.class);
    }

    public DeletePortalProductSharingPolicyResponse deletePortalProductSharingPolicy(RequestContext ctx, DeletePortalProductSharingPolicyRequest r) {
        run(() -> products.deletePolicy(ctx.accountId(), ctx.region(), r.portalProductId()));
        return DeletePortalProductSharingPolicyResponse.builder().build();
    }
}
