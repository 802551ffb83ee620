package io.haneul.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.invoke.auth.AuthorizerTester;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's authorizers and TestInvokeAuthorizer: SDK shapes in and out, rules in
 * {@link AuthorizerService}, the test run by {@link AuthorizerTester}. A part of {@link ApiGatewayProvider}.
 */
public final class AuthorizerApi {

    private final AuthorizerService authorizers;
    private final AuthorizerTester tester;
    private final Documents docs;

    AuthorizerApi(AuthorizerService authorizers, AuthorizerTester tester, Documents docs) {
        this.authorizers = authorizers;
        this.tester = tester;
        this.docs = docs;
    }

    public CreateAuthorizerResponse createAuthorizer(RequestContext ctx, CreateAuthorizerRequest r) {
        ObjectNode in = docs.tree(r);
        in.remove("restApiId");
        return docs.read(call(() -> authorizers.create(ctx.accountId(), ctx.region(), r.restApiId(), in)), CreateAuthorizerResponse.class);
    }

    public GetAuthorizerResponse getAuthorizer(RequestContext ctx, GetAuthorizerRequest r) {
        return docs.read(call(() -> authorizers.get(ctx.accountId(), ctx.region(), r.restApiId(), r.authorizerId())),
                GetAuthorizerResponse.class);
    }

    public GetAuthorizersResponse getAuthorizers(RequestContext ctx, GetAuthorizersRequest r) {
        return docs.page(call(() -> authorizers.list(ctx.accountId(), ctx.region(), r.restApiId(), r.position(), r.limit())),
                GetAuthorizersResponse.class);
    }

    public UpdateAuthorizerResponse updateAuthorizer(RequestContext ctx, UpdateAuthorizerRequest r) {
        return docs.read(call(() -> authorizers.update(ctx.accountId(), ctx.region(), r.restApiId(), r.authorizerId(),
                Documents.ops(r.patchOperations()))), UpdateAuthorizerResponse.class);
    }

    public DeleteAuthorizerResponse deleteAuthorizer(RequestContext ctx, DeleteAuthorizerRequest r) {
        run(() -> authorizers.delete(ctx.accountId(), ctx.region(), r.restApiId(), r.authorizerId()));
        return DeleteAuthorizerResponse.builder().build();
    }

    public TestInvokeAuthorizerResponse testInvokeAuthorizer(RequestContext ctx, TestInvokeAuthorizerRequest r) {
        ObjectNode authorizer = call(() -> authorizers.get(ctx.accountId(), ctx.region(), r.restApiId(), r.authorizerId()));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (r.hasMultiValueHeaders()) {
            r.multiValueHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        }
        if (r.hasHeaders()) {
            r.headers().forEach((k, v) -> headers.putIfAbsent(k, List.of(v)));
        }
        AuthorizerTester.Result result = tester.test(authorizer, ctx.accountId(), ctx.region(), r.restApiId(), headers,
                r.pathWithQueryString(), r.hasStageVariables() ? r.stageVariables() : Map.of(), r.body());
        return TestInvokeAuthorizerResponse.builder().clientStatus(result.clientStatus()).principalId(result.principalId())
                .policy(result.policy()).latency(result.latencyMillis()).log(result.log()).build();
    }
}
