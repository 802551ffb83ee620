package io.haneul.apigateway;

import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.invoke.InvokeEndpoint;
import io.haneul.apigateway.invoke.InvokeHost;
import io.haneul.core.engine.ProviderParts;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import io.haneul.apigateway.domain.DomainRouting;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's operations: the provider answers REST APIs and tags itself and hands the other
 * topics to its parts ({@link ProviderParts}); SDK shapes in and out, converted to the stored wire
 * documents by {@link Documents}; the rules live in {@link RestApiService}, {@link MethodService},
 * {@link DeploymentService}, {@link ModelService}, {@link RequestValidatorService} and
 * {@link GatewayResponseService}.
 */
@ProviderParts.Types({ResourceApi.class, MethodApi.class, DeploymentApi.class, AuthorizerApi.class, ModelApi.class,
        RequestValidatorApi.class, GatewayResponseApi.class, ApiKeyApi.class, UsagePlanApi.class, ImportExportApi.class,
        DomainNameApi.class, DocumentationApi.class, AccountItemsApi.class, TestInvokeApi.class,
        StageCacheApi.class, SdkApi.class, DomainAccessApi.class})
public final class ApiGatewayProvider implements InvokeHost, ProviderParts {

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::/restapis/([^/]+)(?:/stages/([^/]+))?");

    private final RestApiService apis;
    private final DeploymentService deployments;
    private final InvokeEndpoint invoke;
    private final Documents docs;
    private final List<Object> parts;
    private final DomainNameService domains;

    /** @param parts the objects answering the other operations (built by the module, one per topic) */
    ApiGatewayProvider(RestApiService apis, DeploymentService deployments, InvokeEndpoint invoke, Documents docs,
                       DomainNameService domains, List<Object> parts) {
        this.apis = apis;
        this.deployments = deployments;
        this.invoke = invoke;
        this.docs = docs;
        this.domains = domains;
        this.parts = List.copyOf(parts);
    }

    /** The other operations, by topic; see {@link ProviderParts}. */
    @Override
    public List<Object> operationParts() {
        return parts;
    }

    @Override
    public InvokeEndpoint invokeEndpoint() {
        return invoke;
    }

    @Override
    public Optional<DomainRouting.Target> domainRoute(String host, String rawPath) {
        return domains.route(host, rawPath);
    }

    // REST APIs

    public CreateRestApiResponse createRestApi(RequestContext ctx, CreateRestApiRequest r) {
        return docs.read(call(() -> apis.create(ctx.accountId(), ctx.region(), docs.tree(r))), CreateRestApiResponse.class);
    }

    public GetRestApiResponse getRestApi(RequestContext ctx, GetRestApiRequest r) {
        return docs.read(call(() -> apis.get(ctx.accountId(), ctx.region(), r.restApiId())), GetRestApiResponse.class);
    }

    public GetRestApisResponse getRestApis(RequestContext ctx, GetRestApisRequest r) {
        return docs.page(call(() -> apis.list(ctx.accountId(), ctx.region(), r.position(), r.limit())), GetRestApisResponse.class);
    }

    public UpdateRestApiResponse updateRestApi(RequestContext ctx, UpdateRestApiRequest r) {
        return docs.read(call(() -> apis.update(ctx.accountId(), ctx.region(), r.restApiId(), Documents.ops(r.patchOperations()))),
                UpdateRestApiResponse.class);
    }

    public DeleteRestApiResponse deleteRestApi(RequestContext ctx, DeleteRestApiRequest r) {
        run(() -> apis.delete(ctx.accountId(), ctx.region(), r.restApiId()));
        return DeleteRestApiResponse.builder().build();
    }

    // tags (REST APIs and stages, by ARN)

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        retag(ctx, r.resourceArn(), r.tags(), List.of());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        retag(ctx, r.resourceArn(), Map.of(), r.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    public GetTagsResponse getTags(RequestContext ctx, GetTagsRequest r) {
        return GetTagsResponse.builder().tags(retag(ctx, r.resourceArn(), Map.of(), List.of())).build();
    }

    private Map<String, String> retag(RequestContext ctx, String arn, Map<String, String> add, List<String> remove) {
        Matcher m = ARN.matcher(arn == null ? "" : arn);
        if (!m.matches()) {
            throw ApiGatewayErrors.toAws(ApiGatewayException.badRequest("Invalid ARN specified in the request: " + arn));
        }
        if (!m.group(1).equals(ctx.region())) {
            throw ApiGatewayErrors.toAws(ApiGatewayException.notFound("Invalid API identifier specified " + ctx.accountId() + ":" + m.group(2)));
        }
        return m.group(3) == null
                ? call(() -> apis.retag(ctx.accountId(), ctx.region(), m.group(2), add, remove))
                : call(() -> deployments.retagStage(ctx.accountId(), ctx.region(), m.group(2), m.group(3), add, remove));
    }
}
