package io.haneul.apigateway.invoke.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.RouteMatcher;
import io.haneul.apigateway.invoke.CallerIdentity;
import io.haneul.apigateway.invoke.GatewayFailure;
import io.haneul.apigateway.invoke.InvokeRequest;
import io.haneul.core.policy.Decision;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.wire.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * TestInvokeAuthorizer: runs an authorizer for a request described by hand (headers, path and
 * query string, stage variables), uncached, as API Gateway's console test does, on the test stage
 * {@code test-invoke-stage} with method ARN {@code .../test-invoke-stage/GET/{path}}, and tells
 * what the client would have got.
 */
public final class AuthorizerTester {

    static final String STAGE = "test-invoke-stage";

    /**
     * @param clientStatus 200 when the policy allows the method, else the status the client would get
     * @param policy       the answer's policy document as text, or null
     */
    public record Result(int clientStatus, String principalId, String policy, Map<String, Object> context, long latencyMillis,
                         String log) {
    }

    private final LambdaAuthorizer lambda;
    private final Clock clock;

    public AuthorizerTester(Supplier<Optional<FunctionInvoker>> functions, ObjectMapper json, Clock clock) {
        this.lambda = new LambdaAuthorizer(functions, json);
        this.clock = clock;
    }

    public Result test(ObjectNode authorizer, String account, String region, String apiId, Map<String, List<String>> headers,
                       String pathWithQueryString, Map<String, String> stageVariables, String body) {
        Instant start = clock.instant();
        String requestId = UUID.randomUUID().toString();
        String pathAndQuery = pathWithQueryString == null || pathWithQueryString.isEmpty() ? "/" : pathWithQueryString;
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        Headers h = new Headers();
        headers.forEach((name, values) -> values.forEach(v -> h.add(name, v)));
        ObjectNode resource = authorizer.objectNode().put("id", "").put("path", path);
        InvokeRequest r = new InvokeRequest(requestId, requestId, start, "GET", path, "/" + STAGE + path, q < 0 ? "" : pathAndQuery.substring(q + 1),
                h, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "testPrefix.testDomainName",
                account, region, apiId, STAGE, "test-invoke-deployment-id", Map.copyOf(stageVariables), authorizer.objectNode(),
                new RouteMatcher.Match(resource, authorizer.objectNode(), Map.of()), CallerIdentity.ANONYMOUS, null);
        List<String> log = new ArrayList<>();
        log.add("Execution log for request " + requestId);
        log.add(start + " : Starting authorizer: " + authorizer.path("id").asText() + " for request: " + requestId);
        try {
            if (authorizer.path("type").asText().equals("COGNITO_USER_POOLS")) {
                IdentitySources.values(authorizer, r);
                throw AuthorizationStep.cognitoUnsupported();
            }
            List<String> identity = IdentitySources.values(authorizer, r);
            log.add(clock.instant() + " : Incoming identity: " + String.join(",", identity));
            AuthorizerAnswer answer = lambda.call(authorizer, r, lambda.event(authorizer, r, identity), log);
            Decision d = answer.decide(r.methodArn());
            int status = d == Decision.ALLOW ? 200 : 403;
            log.add(clock.instant() + " : Policy " + (d == Decision.ALLOW ? "allows" : "does not allow") + " " + r.methodArn());
            return new Result(status, answer.principalId(), answer.policyText(), answer.context(), millis(start), String.join("\n", log));
        } catch (GatewayFailure f) {
            log.add(clock.instant() + " : " + (f.getMessage() == null ? f.errorType() : f.getMessage()));
            return new Result(f.type().defaultStatus(), null, null, Map.of(), millis(start), String.join("\n", log));
        }
    }

    private long millis(Instant start) {
        return Math.max(0, clock.millis() - start.toEpochMilli());
    }
}
