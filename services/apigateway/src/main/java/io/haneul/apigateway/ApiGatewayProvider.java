package io.haneul.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.MethodService.MethodKey;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.invoke.InvokeEndpoint;
import io.haneul.apigateway.invoke.InvokeHost;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.apigateway.model.*;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's REST API operations: SDK shapes in and out, converted to the stored wire documents
 * by {@link Documents}; the rules live in {@link RestApiService}, {@link MethodService} and
 * {@link DeploymentService}.
 */
public final class ApiGatewayProvider implements InvokeHost {

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::/restapis/([^/]+)(?:/stages/([^/]+))?");

    private final RestApiService apis;
    private final MethodService methods;
    private final DeploymentService deployments;
    private final InvokeEndpoint invoke;
    private final Documents docs;
    private final ObjectMapper json;

    ApiGatewayProvider(RestApiService apis, MethodService methods, DeploymentService deployments, InvokeEndpoint invoke, ObjectMapper json) {
        this.apis = apis;
        this.methods = methods;
        this.deployments = deployments;
        this.invoke = invoke;
        this.json = json;
        this.docs = new Documents(json);
    }

    @Override
    public InvokeEndpoint invokeEndpoint() {
        return invoke;
    }

    // REST APIs

    public CreateRestApiResponse createRestApi(RequestContext ctx, CreateRestApiRequest r) {
        return docs.read(call(() -> apis.create(ctx.accountId(), ctx.region(), docs.tree(r))), CreateRestApiResponse.class);
    }

    public GetRestApiResponse getRestApi(RequestContext ctx, GetRestApiRequest r) {
        return docs.read(call(() -> apis.get(ctx.accountId(), ctx.region(), r.restApiId())), GetRestApiResponse.class);
    }

    public GetRestApisResponse getRestApis(RequestContext ctx, GetRestApisRequest r) {
        return page(call(() -> apis.list(ctx.accountId(), ctx.region(), r.position(), r.limit())), GetRestApisResponse.class);
    }

    public UpdateRestApiResponse updateRestApi(RequestContext ctx, UpdateRestApiRequest r) {
        return docs.read(call(() -> apis.update(ctx.accountId(), ctx.region(), r.restApiId(), Documents.ops(r.patchOperations()))),
                UpdateRestApiResponse.class);
    }

    public DeleteRestApiResponse deleteRestApi(RequestContext ctx, DeleteRestApiRequest r) {
        run(() -> apis.delete(ctx.accountId(), ctx.region(), r.restApiId()));
        return DeleteRestApiResponse.builder().build();
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
        return page(call(() -> apis.listResources(ctx.accountId(), ctx.region(), r.restApiId(), r.embed().contains("methods"),
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

    // deployments

    public CreateDeploymentResponse createDeployment(RequestContext ctx, CreateDeploymentRequest r) {
        return docs.read(call(() -> deployments.createDeployment(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))),
                CreateDeploymentResponse.class);
    }

    public GetDeploymentResponse getDeployment(RequestContext ctx, GetDeploymentRequest r) {
        return docs.read(call(() -> deployments.getDeployment(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId(),
                r.embed().stream().anyMatch(e -> e.equalsIgnoreCase("apisummary")))), GetDeploymentResponse.class);
    }

    public GetDeploymentsResponse getDeployments(RequestContext ctx, GetDeploymentsRequest r) {
        return page(call(() -> deployments.listDeployments(ctx.accountId(), ctx.region(), r.restApiId(), r.position(), r.limit())),
                GetDeploymentsResponse.class);
    }

    public UpdateDeploymentResponse updateDeployment(RequestContext ctx, UpdateDeploymentRequest r) {
        return docs.read(call(() -> deployments.updateDeployment(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId(),
                Documents.ops(r.patchOperations()))), UpdateDeploymentResponse.class);
    }

    public DeleteDeploymentResponse deleteDeployment(RequestContext ctx, DeleteDeploymentRequest r) {
        run(() -> deployments.deleteDeployment(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId()));
        return DeleteDeploymentResponse.builder().build();
    }

    // stages

    public CreateStageResponse createStage(RequestContext ctx, CreateStageRequest r) {
        return docs.read(call(() -> deployments.createStage(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))),
                CreateStageResponse.class);
    }

    public GetStageResponse getStage(RequestContext ctx, GetStageRequest r) {
        return docs.read(call(() -> deployments.getStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName())),
                GetStageResponse.class);
    }

    public GetStagesResponse getStages(RequestContext ctx, GetStagesRequest r) {
        List<ObjectNode> stages = call(() -> deployments.listStages(ctx.accountId(), ctx.region(), r.restApiId(), r.deploymentId()));
        ObjectNode out = json.createObjectNode();
        out.putArray("item").addAll(stages);
        return docs.read(out, GetStagesResponse.class);
    }

    public UpdateStageResponse updateStage(RequestContext ctx, UpdateStageRequest r) {
        return docs.read(call(() -> deployments.updateStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName(),
                Documents.ops(r.patchOperations()))), UpdateStageResponse.class);
    }

    public DeleteStageResponse deleteStage(RequestContext ctx, DeleteStageRequest r) {
        run(() -> deployments.deleteStage(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName()));
        return DeleteStageResponse.builder().build();
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

    private static MethodKey key(RequestContext ctx, String apiId, String resourceId, String httpMethod) {
        return new MethodKey(ctx.accountId(), ctx.region(), apiId, resourceId, httpMethod);
    }

    private <T extends SdkPojo> T page(Paging.Page page, Class<T> type) {
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("item"); // list members are "item" on the wire
        items.addAll(page.items());
        if (page.position() != null) {
            out.put("position", page.position());
        }
        return docs.read(out, type);
    }
}
