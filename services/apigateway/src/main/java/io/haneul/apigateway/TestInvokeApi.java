package io.haneul.apigateway;

import io.haneul.apigateway.invoke.MethodTester;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.TestInvokeMethodRequest;
import software.amazon.awssdk.services.apigateway.model.TestInvokeMethodResponse;

import static io.haneul.apigateway.ApiGatewayErrors.call;

/** TestInvokeMethod: SDK shapes in and out, the run by {@link MethodTester}. A part of {@link ApiGatewayProvider}. */
public final class TestInvokeApi {

    private final DeploymentService deployments;
    private final MethodTester tester;

    TestInvokeApi(DeploymentService deployments, MethodTester tester) {
        this.deployments = deployments;
        this.tester = tester;
    }

    public TestInvokeMethodResponse testInvokeMethod(RequestContext ctx, TestInvokeMethodRequest r) {
        MethodTester.Result result = call(() -> tester.test(deployments.draft(ctx.accountId(), ctx.region(), r.restApiId()),
                new MethodTester.Input(r.resourceId(), r.httpMethod(), r.pathWithQueryString(), r.body(),
                        r.hasHeaders() ? r.headers() : null, r.hasMultiValueHeaders() ? r.multiValueHeaders() : null,
                        r.hasStageVariables() ? r.stageVariables() : null)));
        return TestInvokeMethodResponse.builder().status(result.status()).body(result.body()).headers(result.headers())
                .multiValueHeaders(result.multiValueHeaders()).log(result.log()).latency(result.latency()).build();
    }
}
