package io.haneul.apigateway.v2;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** A portal product's pages and REST endpoint pages; the rules are in {@link PortalProductService}. */
public final class ProductPageApi {

    private final PortalProductService products;
    private final V2Docs docs;

    ProductPageApi(PortalProductService products, V2Docs docs) {
        this.products = products;
        this.docs = docs;
    }

    public CreateProductPageResponse createProductPage(RequestContext ctx, CreateProductPageRequest r) {
        return docs.read(call(() -> products.createPage(ctx.accountId(), ctx.region(), r.portalProductId(), docs.tree(r))),
                CreateProductPageResponse.class);
    }

    public GetProductPageResponse getProductPage(RequestContext ctx, GetProductPageRequest r) {
        return docs.read(call(() -> products.page(ctx.accountId(), ctx.region(), r.portalProductId(), r.productPageId())),
                GetProductPageResponse.class);
    }

    public ListProductPagesResponse listProductPages(RequestContext ctx, ListProductPagesRequest r) {
        return docs.page(call(() -> Paging.of(PortalProductService.pageSummaries(products.pages(ctx.accountId(), ctx.region(), r.portalProductId())),
                r.nextToken(), r.maxResults())), ListProductPagesResponse.class);
    }

    public UpdateProductPageResponse updateProductPage(RequestContext ctx, UpdateProductPageRequest r) {
        return docs.read(call(() -> products.updatePage(ctx.accountId(), ctx.region(), r.portalProductId(), r.productPageId(), docs.tree(r))),
                UpdateProductPageResponse.class);
    }

    public DeleteProductPageResponse deleteProductPage(RequestContext ctx, DeleteProductPageRequest r) {
        run(() -> products.deletePage(ctx.accountId(), ctx.region(), r.portalProductId(), r.productPageId()));
        return DeleteProductPageResponse.builder().build();
    }

    public CreateProductRestEndpointPageResponse createProductRestEndpointPage(RequestContext ctx, CreateProductRestEndpointPageRequest r) {
        return docs.read(call(() -> products.createEndpointPage(ctx.accountId(), ctx.region(), r.portalProductId(), docs.tree(r))),
                CreateProductRestEndpointPageResponse.class);
    }

    public GetProductRestEndpointPageResponse getProductRestEndpointPage(RequestContext ctx, GetProductRestEndpointPageRequest r) {
        return docs.read(call(() -> products.endpointPage(ctx.accountId(), ctx.region(), r.portalProductId(), r.productRestEndpointPageId())),
                GetProductRestEndpointPageResponse.class);
    }

    public ListProductRestEndpointPagesResponse listProductRestEndpointPages(RequestContext ctx, ListProductRestEndpointPagesRequest r) {
        return docs.page(call(() -> Paging.of(products.endpointPages(ctx.accountId(), ctx.region(), r.portalProductId()), r.nextToken(),
                r.maxResults())), ListProductRestEndpointPagesResponse.class);
    }

    public UpdateProductRestEndpointPageResponse updateProductRestEndpointPage(RequestContext ctx, UpdateProductRestEndpointPageRequest r) {
        return docs.read(call(() -> products.updateEndpointPage(ctx.accountId(), ctx.region(), r.portalProductId(),
                r.productRestEndpointPageId(), docs.tree(r))), UpdateProductRestEndpointPageResponse.class);
    }

    public DeleteProductRestEndpointPageResponse deleteProductRestEndpointPage(RequestContext ctx, DeleteProductRestEndpointPageRequest r) {
        run(() -> products.deleteEndpointPage(ctx.accountId(), ctx.region(), r.portalProductId(), r.productRestEndpointPageId()));
        return DeleteProductRestEndpointPageResponse.builder().build();
    }
}
