package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.v2.store.V2Store;
import io.haneul.core.engine.ProviderParts;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.orEmpty;

/**
 * API Gateway v2 (model {@code apigatewayv2-2018-11-29}: HTTP and WebSocket APIs). The provider
 * answers tags and hands every other topic to a part ({@link ProviderParts}); SDK shapes in and
 * out, stored as wire documents by {@link V2Docs}.
 */
@ProviderParts.Types({ApiApi.class, RouteApi.class, IntegrationApi.class, StageApi.class, AuthorizerApi.class, ModelApi.class,
        DomainApi.class, VpcLinkApi.class, ImportExportApi.class,
        RoutingRuleApi.class,
        PortalApi.class, PortalProductApi.class, ProductPageApi.class})
public final class ApiGatewayV2Provider implements ProviderParts {

    private final TagService tags;
    private final List<Object> parts;

    public ApiGatewayV2Provider(V2Store store, ObjectMapper json, Clock clock, Ids ids) {
        V2Docs docs = new V2Docs(json);
        V2Items items = new V2Items(store, clock, ids);
        ApiChildren children = new ApiChildren(items);
        this.tags = new TagService(items);
        DomainNameService domains = new DomainNameService(items);
        PortalProductService products = new PortalProductService(items, json);
        this.parts = List.of(new ApiApi(new HttpApiService(items), docs), new RouteApi(children, docs), new IntegrationApi(children, docs),
                new StageApi(new StageService(items), docs), new AuthorizerApi(children, docs), new ModelApi(children, docs),
                new DomainApi(domains, docs), new VpcLinkApi(items, docs),
                new ImportExportApi(new HttpApiService(items), children, new OpenApiDocuments(json), docs),
                new RoutingRuleApi(domains, items, docs, json),
                new PortalApi(new PortalService(items, products), docs), new PortalProductApi(products, docs), new ProductPageApi(products, docs));
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        call(() -> tags.retag(ctx.accountId(), ctx.region(), r.resourceArn(), r.tags() == null ? Map.of() : r.tags(), List.of()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        call(() -> tags.retag(ctx.accountId(), ctx.region(), r.resourceArn(), Map.of(), orEmpty(r.tagKeys())));
        return UntagResourceResponse.builder().build();
    }

    public GetTagsResponse getTags(RequestContext ctx, GetTagsRequest r) {
        return GetTagsResponse.builder().tags(call(() -> tags.retag(ctx.accountId(), ctx.region(), r.resourceArn(), Map.of(), List.of()))).build();
    }
}
