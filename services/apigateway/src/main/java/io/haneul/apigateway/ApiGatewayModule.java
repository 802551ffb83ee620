package io.haneul.apigateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.invoke.HttpIntegration;
import io.haneul.apigateway.invoke.HttpProxyIntegration;
import io.haneul.apigateway.invoke.InvokeEndpoint;
import io.haneul.apigateway.invoke.InvokePlane;
import io.haneul.apigateway.invoke.LambdaProxyIntegration;
import io.haneul.apigateway.invoke.MockIntegration;
import io.haneul.apigateway.invoke.Templates;
import io.haneul.apigateway.store.SqlDomainNameStore;
import io.haneul.apigateway.store.SqlItemStore;
import io.haneul.apigateway.store.SqlRestApiStore;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.storage.Database;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registers API Gateway (REST APIs, model {@code apigateway-2015-07-09}) and its invoke data plane
 * ({@link InvokePlane}). Lambda is reached through {@link FunctionInvoker}, looked up when a proxy
 * integration first runs.
 */
public final class ApiGatewayModule implements ServiceModule {

    /** The provider's domain names, for the data plane to recognise custom domain hosts (set when the provider is made). */
    private final AtomicReference<DomainNameService> domains = new AtomicReference<>();

    @Override
    public String id() {
        return "apigateway";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("apigateway-2015-07-09");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        SqlRestApiStore store = new SqlRestApiStore(env.require(Database.class), json);
        Ids ids = new Ids();
        DeploymentService deployments = new DeploymentService(store, env.clock(), ids);
        Templates templates = new Templates();
        InvokeEndpoint invoke = new InvokeEndpoint(deployments, ids, Map.of(
                "MOCK", new MockIntegration(templates, json),
                "AWS_PROXY", new LambdaProxyIntegration(() -> env.find(FunctionInvoker.class), json),
                "HTTP_PROXY", new HttpProxyIntegration(),
                "HTTP", new HttpIntegration(templates)), List.of());
        RestApiService apis = new RestApiService(store, env.clock(), ids);
        DomainNameService domains = new DomainNameService(new SqlDomainNameStore(env.require(Database.class), json), apis, deployments,
                env.clock(), ids);
        this.domains.set(domains);
        SqlItemStore items = new SqlItemStore(env.require(Database.class), json);
        DocumentationService documentation = new DocumentationService(items, apis, deployments, env.clock(), ids);
        // models, validators, authorizers and gateway responses of an import: their parts' ImportedItems go in this list
        ImportService imports = new ImportService(store, apis, documentation, List.of(), ids);
        return new ApiGatewayProvider(apis, new MethodService(store), deployments, imports, domains, documentation,
                new AccountItemsService(items, env.clock(), ids), invoke, json);
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return ApiGatewayProvider.class;
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new InvokePlane(host -> domains.get() != null && domains.get().isDomain(host)));
    }

    /** API Gateway's payload limit is 10 MB; a control-plane body (an imported OpenAPI document) is far below it. */
    @Override
    public long maxRequestBytes(String modelId) {
        return 10L * 1024 * 1024 + 64 * 1024;
    }
}
