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
import io.haneul.apigateway.invoke.auth.AuthorizationStep;
import io.haneul.apigateway.invoke.auth.AuthorizerTester;
import io.haneul.apigateway.store.SqlRestApiStore;
import io.haneul.apigateway.v2.ApiGatewayV2Provider;
import io.haneul.apigateway.v2.invoke.HttpApiPlane;
import io.haneul.apigateway.v2.store.V2Store;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.storage.Database;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Registers API Gateway (REST APIs, model {@code apigateway-2015-07-09}) and its invoke data plane
 * ({@link InvokePlane}). Lambda is reached through {@link FunctionInvoker}, looked up when a proxy
 * integration first runs.
 */
public final class ApiGatewayModule implements ServiceModule {

    /** HTTP APIs' invoke plane, made with the REST provider (whose the data plane's calls start). */
    private final java.util.concurrent.atomic.AtomicReference<HttpApiPlane> httpApis = new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public String id() {
        return "apigateway";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("apigateway-2015-07-09", "apigatewayv2-2018-11-29");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        SqlRestApiStore store = new SqlRestApiStore(env.require(Database.class), json);
        if (modelFile.startsWith("apigatewayv2")) {
            return new ApiGatewayV2Provider(new V2Store(env.require(Database.class), json), json, env.clock(), new Ids());
        }
        Ids ids = new Ids();
        DeploymentService deployments = new DeploymentService(store, env.clock(), ids);
        Templates templates = new Templates();
        AuthorizerService authorizers = new AuthorizerService(store, ids);
        Supplier<Optional<FunctionInvoker>> functions = () -> env.find(FunctionInvoker.class);
        httpApis.set(new HttpApiPlane(new V2Store(env.require(Database.class), json), json, functions,
                () -> env.find(io.haneul.core.spi.QueueDelivery.class), () -> env.find(io.haneul.core.spi.QueueConsumer.class), env.clock()));
        InvokeEndpoint invoke = new InvokeEndpoint(deployments, ids, Map.of(
                "MOCK", new MockIntegration(templates, json),
                "AWS_PROXY", new LambdaProxyIntegration(() -> env.find(FunctionInvoker.class), json),
                "HTTP_PROXY", new HttpProxyIntegration(),
                "HTTP", new HttpIntegration(templates)),
                List.of(new AuthorizationStep(authorizers::deployed, functions, json, env.clock())));
        return new ApiGatewayProvider(new RestApiService(store, env.clock(), ids), new MethodService(store), deployments, invoke, json,
                authorizers, new AuthorizerTester(functions, json, env.clock()));
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return modelFile.startsWith("apigatewayv2") ? ApiGatewayV2Provider.class : ApiGatewayProvider.class;
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new InvokePlane(httpApis::get));
    }

    /** API Gateway's payload limit is 10 MB; a control-plane body (an imported OpenAPI document) is far below it. */
    @Override
    public long maxRequestBytes(String modelId) {
        return 10L * 1024 * 1024 + 64 * 1024;
    }
}
