package io.haneul.apigateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.invoke.AwsServiceIntegration;
import io.haneul.apigateway.invoke.HttpIntegration;
import io.haneul.apigateway.invoke.LambdaIntegration;
import io.haneul.apigateway.invoke.HttpProxyIntegration;
import io.haneul.apigateway.invoke.InvokeEndpoint;
import io.haneul.apigateway.invoke.InvokePlane;
import io.haneul.apigateway.invoke.InvokeHost;
import io.haneul.apigateway.invoke.LambdaProxyIntegration;
import io.haneul.apigateway.invoke.MockIntegration;
import io.haneul.apigateway.invoke.Templates;
import io.haneul.apigateway.invoke.auth.AuthorizationStep;
import io.haneul.apigateway.invoke.auth.AuthorizerTester;
import io.haneul.apigateway.store.SqlRestApiStore;
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

/**
 * Registers API Gateway (REST APIs, model {@code apigateway-2015-07-09}) and its invoke data plane
 * ({@link InvokePlane}). Lambda is reached through {@link FunctionInvoker}, looked up when a proxy
 * integration first runs.
 */
public final class ApiGatewayModule implements ServiceModule {

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
        AuthorizerService authorizers = new AuthorizerService(store, ids);
        Supplier<Optional<FunctionInvoker>> functions = () -> env.find(FunctionInvoker.class);
        InvokeEndpoint invoke = new InvokeEndpoint(deployments, ids, Map.of(
                "MOCK", new MockIntegration(templates, json),
                "AWS_PROXY", new LambdaProxyIntegration(() -> env.find(FunctionInvoker.class), json),
                "HTTP_PROXY", new HttpProxyIntegration(),
                "HTTP", new HttpIntegration(templates),
                "AWS", awsIntegration(env, templates, json)),
                List.of(new AuthorizationStep(authorizers::deployed, functions, json, env.clock())), env.clock());
        return new ApiGatewayProvider(new RestApiService(store, env.clock(), ids), new MethodService(store), deployments, invoke, json,
                authorizers, new AuthorizerTester(functions, json, env.clock()), env.clock());
    }

    /** {@code AWS}: Haneul's own services in-process ({@link AwsApiCall}), Lambda's through {@link FunctionInvoker}. */
    private static AwsServiceIntegration awsIntegration(ServiceEnvironment env, Templates templates, ObjectMapper json) {
        return new AwsServiceIntegration(templates, () -> env.find(AwsApiCall.class),
                new LambdaIntegration(templates, () -> env.find(FunctionInvoker.class), json),
                () -> env.find(ServerAddress.class).map(a -> a.endpoint().replaceFirst("^[a-z]+://", "")).orElse("localhost"));
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return ApiGatewayProvider.class;
    }

    /** {@code GET /_haneul/apigateway/logs/{apiId}/{stage}}: a stage's access log lines (see {@link AccessLogs}). */
    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return Map.of("GET /_haneul/apigateway/logs", (provider, call) -> AccessLogRoute.read((InvokeHost) provider, call));
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new InvokePlane());
    }

    /** API Gateway's payload limit is 10 MB; a control-plane body (an imported OpenAPI document) is far below it. */
    @Override
    public long maxRequestBytes(String modelId) {
        return 10L * 1024 * 1024 + 64 * 1024;
    }
}
