package io.haneul.apigateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.invoke.BackendClient;
import io.haneul.apigateway.invoke.BodyValidator;
import io.haneul.apigateway.invoke.DeployedItems;
import io.haneul.apigateway.invoke.GatewayResponses;
import io.haneul.apigateway.invoke.AwsServiceIntegration;
import io.haneul.apigateway.invoke.HttpIntegration;
import io.haneul.apigateway.invoke.InvokeHost;
import io.haneul.apigateway.invoke.LambdaIntegration;
import io.haneul.apigateway.invoke.MethodTester;
import io.haneul.apigateway.invoke.HttpProxyIntegration;
import io.haneul.apigateway.invoke.InvokeEndpoint;
import io.haneul.apigateway.invoke.InvokePlane;
import io.haneul.apigateway.invoke.LambdaProxyIntegration;
import io.haneul.apigateway.invoke.MockIntegration;
import io.haneul.apigateway.invoke.RequestValidation;
import io.haneul.apigateway.invoke.Templates;
import io.haneul.apigateway.invoke.auth.AuthorizationStep;
import io.haneul.apigateway.invoke.auth.AuthorizerTester;
import io.haneul.apigateway.invoke.UsagePlanStep;
import io.haneul.apigateway.domain.TokenBuckets;
import io.haneul.apigateway.invoke.AccessLogs;
import io.haneul.apigateway.store.SqlAccessLogStore;
import io.haneul.apigateway.store.SqlDomainNameStore;
import io.haneul.apigateway.store.SqlItemStore;
import io.haneul.apigateway.store.SqlRestApiStore;
import io.haneul.apigateway.store.SqlUsagePlanStore;
import io.haneul.apigateway.v2.ApiGatewayV2Provider;
import io.haneul.apigateway.v2.invoke.HttpApiPlane;
import io.haneul.apigateway.v2.store.V2Store;
import io.haneul.apigateway.v2.ws.ApiGatewayManagementProvider;
import io.haneul.apigateway.v2.ws.ManagementAddressing;
import io.haneul.apigateway.v2.ws.WebSocketApiPlane;
import io.haneul.apigateway.v2.ws.WebSocketApis;
import io.haneul.apigateway.v2.ws.WsOptions;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.AwsApiCall;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.ServerAddress;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.storage.Database;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registers API Gateway (REST APIs, model {@code apigateway-2015-07-09}) and its invoke data plane
 * ({@link InvokePlane}). Lambda is reached through {@link FunctionInvoker}, looked up when a proxy
 * integration first runs.
 */
public final class ApiGatewayModule implements ServiceModule {

    /** The provider's domain names, for the data plane to recognise custom domain hosts (set when the provider is made). */
    private final AtomicReference<DomainNameService> domains = new AtomicReference<>();
    /** HTTP APIs' invoke plane, made with the REST provider (whose the data plane's calls start). */
    private final AtomicReference<HttpApiPlane> httpApis = new AtomicReference<>();
    /** The v2 store, one for the control plane and the planes (the WebSocket plane's cache follows its writes). */
    private final AtomicReference<V2Store> v2Store = new AtomicReference<>();
    /** Stage access logs, shared by the REST and HTTP API planes. */
    private final AtomicReference<AccessLogs> accessLogs = new AtomicReference<>();
    /** WebSocket APIs' plane and connections, made by whichever of the REST, v2 or management providers starts first. */
    private final AtomicReference<WebSocketApiPlane> webSockets = new AtomicReference<>();
    private io.haneul.apigateway.v2.PortalSite portalSite;
    /** The HTTP integrations' client (REST HTTP and HTTP_PROXY, HTTP APIs' HTTP_PROXY): one pool of backend connections. */
    private final AtomicReference<BackendClient> backend = new AtomicReference<>();

    @Override
    public String id() {
        return "apigateway";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("apigateway-2015-07-09", "apigatewayv2-2018-11-29", "apigatewaymanagementapi-2018-11-29");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        SqlRestApiStore store = new SqlRestApiStore(env.require(Database.class), json);
        if (modelFile.startsWith("apigatewayv2")) {
            makeHttpApiPlane(env, json);
            return new ApiGatewayV2Provider(v2Store(env, json), json, env.clock(), new Ids());
        }
        if (modelFile.startsWith("apigatewaymanagementapi")) {
            V2Store v2 = v2Store(env, json);
            return new ApiGatewayManagementProvider(() -> webSockets(env, json).connections(),
                    apiId -> v2.findAnywhere("api", apiId).map(V2Store.Row::account));
        }
        webSockets(env, json);
        Ids ids = new Ids();
        DeploymentService deployments = new DeploymentService(store, env.clock(), ids);
        Templates templates = new Templates();
        AuthorizerService authorizers = new AuthorizerService(store, ids);
        Supplier<Optional<FunctionInvoker>> functions = () -> env.find(FunctionInvoker.class);
        DeployedItems deployed = new DeployedItems(deployments::deployedItems);
        SqlUsagePlanStore usageStore = new SqlUsagePlanStore(env.require(Database.class), json, store);
        UsagePlanService plans = new UsagePlanService(usageStore, store, env.clock(), ids);
        makeHttpApiPlane(env, json);
        AuthorizationStep authorization = new AuthorizationStep(
                (apiId, deploymentId, id) -> deployed.find(apiId, deploymentId, DeployedItems.AUTHORIZERS, id), functions, json, env.clock());
        InvokeEndpoint invoke = new InvokeEndpoint(deployments, ids, Map.of(
                "MOCK", new MockIntegration(templates, json),
                "AWS_PROXY", new LambdaProxyIntegration(() -> env.find(FunctionInvoker.class), json),
                "HTTP_PROXY", new HttpProxyIntegration(backend()),
                "HTTP", new HttpIntegration(templates, backend()),
                "AWS", awsIntegration(env, templates, json)),
                // Invoke steps in API Gateway's order: authorization (IAM, resource policy, Lambda authorizers:
                // they may set CallerIdentity.apiKey for apiKeySource AUTHORIZER), then API key / usage plan /
                // throttling / quota, then request validation (models, required parameters).
                List.of(authorization,
                        new UsagePlanStep(plans, (api, stage) -> deployments.deployed(api, stage).map(DeploymentService.Deployed::stage).orElse(null),
                                new TokenBuckets(env.clock())),
                        new RequestValidation(deployed, new BodyValidator())),
                deployed, new GatewayResponses(templates), env.clock(),
                accessLogs(env));
        RestApiService apis = new RestApiService(store, env.clock(), ids);
        Documents docs = new Documents(json);
        SqlDomainNameStore domainStore = new SqlDomainNameStore(env.require(Database.class), json);
        DomainNameService domains = new DomainNameService(domainStore, apis, deployments, env.clock(), ids);
        this.domains.set(domains);
        SqlItemStore items = new SqlItemStore(env.require(Database.class), json);
        DocumentationService documentation = new DocumentationService(items, apis, deployments, env.clock(), ids);
        // models, validators, authorizers and gateway responses of an import go among the API items
        ImportService imports = new ImportService(store, apis, documentation, List.of(new ImportedApiItems(store)), ids);
        return new ApiGatewayProvider(apis, deployments, invoke, docs, domains, List.of(
                new ResourceApi(apis, docs),
                new MethodApi(new MethodService(store), docs),
                new DeploymentApi(deployments, docs, invoke.stageCache()::flush),
                new AuthorizerApi(authorizers, new AuthorizerTester(functions, json, env.clock()), docs),
                new ModelApi(new ModelService(store, ids), docs),
                new RequestValidatorApi(new RequestValidatorService(store, ids), docs),
                new GatewayResponseApi(new GatewayResponseService(store), docs),
                new ApiKeyApi(new ApiKeyService(usageStore, env.clock(), ids), docs),
                new UsagePlanApi(plans, docs),
                new ImportExportApi(imports, new ExportService(apis, deployments), docs),
                new DomainNameApi(domains, docs),
                new DocumentationApi(documentation, docs),
                new AccountItemsApi(new AccountItemsService(items, env.clock(), ids), docs),
                new TestInvokeApi(deployments, new MethodTester(invoke, env.clock())),
                new StageCacheApi(deployments, invoke.stageCache()::flush, authorization::flushStage),
                new SdkApi(new SdkService(apis, deployments,
                        () -> env.find(ServerAddress.class).map(ServerAddress::endpoint).orElse("http://localhost:4566")), docs),
                new DomainAccessApi(new DomainAccessService(domainStore, items), docs)));
    }

    private synchronized V2Store v2Store(ServiceEnvironment env, ObjectMapper json) {
        if (v2Store.get() == null) {
            v2Store.set(new V2Store(env.require(Database.class), json));
        }
        return v2Store.get();
    }

    private synchronized WebSocketApiPlane webSockets(ServiceEnvironment env, ObjectMapper json) {
        if (webSockets.get() == null) {
            webSockets.set(WebSocketApis.create(v2Store(env, json), env.require(Database.class), json, () -> env.find(FunctionInvoker.class),
                    env.clock(), WsOptions.of(env.setting("apigateway-ws-idle-seconds", "600"), env.setting("apigateway-ws-lifetime-seconds", "7200"))));
        }
        return webSockets.get();
    }

    /**
     * Stops the WebSocket connections' timers and their store subscription (the plane is shared by the
     * REST, v2 and management providers, so none of them owns it).
     */
    @Override
    public void close() {
        WebSocketApiPlane plane = webSockets.get();
        if (plane != null) {
            plane.connections().close();
        }
        BackendClient client = backend.get();
        if (client != null) {
            client.close();
        }
    }

    /** Made with the first provider, not at start: the JDK's TLS set-up is not cheap. */
    private synchronized BackendClient backend() {
        if (backend.get() == null) {
            backend.set(new BackendClient());
        }
        return backend.get();
    }

    /** HTTP APIs' plane, made by whichever provider starts first (custom domain hosts are recognised through it). */
    private synchronized void makeHttpApiPlane(ServiceEnvironment env, ObjectMapper json) {
        if (httpApis.get() == null) {
            httpApis.set(new HttpApiPlane(v2Store(env, json), json, () -> env.find(FunctionInvoker.class),
                    () -> env.find(io.haneul.core.spi.QueueDelivery.class), () -> env.find(io.haneul.core.spi.QueueConsumer.class),
                    accessLogs(env), env.clock(), backend()));
        }
    }

    /** The stages' access logs, REST and HTTP APIs alike, in the database (one for every provider and plane). */
    private synchronized AccessLogs accessLogs(ServiceEnvironment env) {
        if (accessLogs.get() == null) {
            accessLogs.set(new AccessLogs(new SqlAccessLogStore(env.require(Database.class))));
        }
        return accessLogs.get();
    }

    /** {@code AWS}: Haneul's own services in-process ({@link AwsApiCall}), Lambda's through {@link FunctionInvoker}. */
    private static AwsServiceIntegration awsIntegration(ServiceEnvironment env, Templates templates, ObjectMapper json) {
        return new AwsServiceIntegration(templates, () -> env.find(AwsApiCall.class),
                new LambdaIntegration(templates, () -> env.find(FunctionInvoker.class), json),
                () -> env.find(ServerAddress.class).map(a -> a.endpoint().replaceFirst("^[a-z]+://", "")).orElse("localhost"));
    }

    /**
     * {@code GET /_haneul/apigateway/logs/{apiId}/{stage}} (plain text) and
     * {@code GET /_haneul/apigateway/access-logs?apiId=&stage=} (JSON, paged): a stage's access log lines
     * (see {@link io.haneul.apigateway.invoke.AccessLogs}).
     */
    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return Map.of("GET /_haneul/apigateway/logs", (provider, call) -> AccessLogRoute.read((InvokeHost) provider, call),
                "GET /_haneul/apigateway/access-logs", (provider, call) -> AccessLogRoute.page((InvokeHost) provider, call));
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return modelFile.startsWith("apigatewayv2") ? ApiGatewayV2Provider.class
                : modelFile.startsWith("apigatewaymanagementapi") ? ApiGatewayManagementProvider.class : ApiGatewayProvider.class;
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new InvokePlane(host -> (domains.get() != null && domains.get().isDomain(host))
                || (httpApis.get() != null && httpApis.get().isDomain(host)), httpApis::get, webSockets::get),
                new io.haneul.apigateway.v2.PortalPlane(this::portalSite));
    }

    /** The portal pages, made once the v2 store exists (one for every request, not one per request). */
    private synchronized io.haneul.apigateway.v2.PortalSite portalSite() {
        if (portalSite == null && v2Store.get() != null) {
            portalSite = new io.haneul.apigateway.v2.PortalSite(v2Store.get());
        }
        return portalSite;
    }

    /** {@code @connections} calls: by their path on an invoke host or on Haneul's own (see {@link ManagementAddressing}). */
    @Override
    public Map<String, io.haneul.core.dataplane.ApiAddressing> apiAddressing() {
        return Map.of("apigatewaymanagementapi", new ManagementAddressing());
    }

    /** API Gateway's payload limit is 10 MB; a control-plane body (an imported OpenAPI document) is far below it. */
    @Override
    public long maxRequestBytes(String modelId) {
        return 10L * 1024 * 1024 + 64 * 1024;
    }

    /**
     * API Gateway's REST API answers write their lists even when empty ({@code "item": []}), as Haneul always
     * has; apigatewayv2 leaves empty lists out, as AWS's documented GetApi/GetRoutes answers do (no
     * {@code Warnings}, {@code ImportInfo}), which {@code ApiGatewayV2PythonIT} compares whole.
     */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        // API Gateway answers bad input as BadRequestException and judges enum values in its own words
        if (modelId.equals("apigatewaymanagementapi")) {
            return io.haneul.core.engine.WireStyle.DEFAULT;
        }
        io.haneul.core.engine.WireStyle style = io.haneul.core.engine.WireStyle.DEFAULT
                .validating(p -> p.withCode("BadRequestException").withCheckEnums(false));
        return modelId.equals("apigateway") ? style.keepingEmpty("*") : style;
    }
}
