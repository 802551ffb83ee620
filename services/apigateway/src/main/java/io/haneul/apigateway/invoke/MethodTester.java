package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.DeploymentService;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.RouteMatcher;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * TestInvokeMethod: runs one method of the API as edited (no deployment) through its real
 * integration, as stage {@code test-invoke-stage}, skipping authorization as AWS's console test does,
 * and reports what the client would have received with an execution log in AWS's format
 * ({@code <date> : <line>}).
 */
public final class MethodTester {

    private static final DateTimeFormatter LOG_DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final InvokeEndpoint endpoint;
    private final Clock clock;

    public MethodTester(InvokeEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** What the test sends: the method, the path and query as a client would request it, headers, body, stage variables. */
    public record Input(String resourceId, String httpMethod, String pathWithQueryString, String body, Map<String, String> headers,
                        Map<String, List<String>> multiValueHeaders, Map<String, String> stageVariables) {
    }

    /** What the method answered, with the execution log and the latency in milliseconds. */
    public record Result(int status, String body, Map<String, String> headers, Map<String, List<String>> multiValueHeaders,
                         String log, long latency) {
    }

    public Result test(DeploymentService.Deployed draft, Input in) {
        ObjectNode resource = null;
        for (JsonNode r : draft.resources()) {
            if (r.path("id").asText().equals(in.resourceId())) {
                resource = (ObjectNode) r;
            }
        }
        if (resource == null) {
            throw ApiGatewayException.notFound("Invalid Resource identifier specified");
        }
        JsonNode method = resource.path("resourceMethods").path(in.httpMethod());
        if (!method.isObject()) {
            throw ApiGatewayException.notFound("Invalid Method identifier specified");
        }
        if (!method.has("methodIntegration")) {
            throw ApiGatewayException.badRequest("No integration defined for method");
        }
        String pathAndQuery = in.pathWithQueryString() == null || in.pathWithQueryString().isEmpty()
                ? resource.path("path").asText("/") : in.pathWithQueryString();
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Optional<RouteMatcher.Match> routed = new RouteMatcher(draft.resources()).match(in.httpMethod(), InvokeEndpoint.segments(path));
        RouteMatcher.Match match = routed.filter(m -> m.resource().path("id").asText().equals(in.resourceId()))
                .orElse(new RouteMatcher.Match(resource, (ObjectNode) method, Map.of()));

        Headers headers = new Headers();
        if (in.headers() != null) {
            in.headers().forEach(headers::set);
        }
        if (in.multiValueHeaders() != null) {
            in.multiValueHeaders().forEach((k, vs) -> {
                headers.remove(k);
                vs.forEach(v -> headers.add(k, v));
            });
        }
        Instant start = clock.instant();
        String requestId = io.haneul.core.engine.FastIds.uuid();
        Map<String, String> variables = in.stageVariables() == null ? Map.of() : Map.copyOf(in.stageVariables());
        byte[] body = in.body() == null ? new byte[0] : in.body().getBytes(StandardCharsets.UTF_8);
        InvokeRequest request = new InvokeRequest(requestId, requestId, start, in.httpMethod(), path.isEmpty() ? "/" : path,
                "/test-invoke-stage" + path, query, headers, body, "test-invoke-source-ip", "testPrefix.testDomainName",
                draft.account(), draft.region(), draft.api().path("id").asText(), "test-invoke-stage", draft.deploymentId(), variables,
                draft.api(), match, CallerIdentity.ANONYMOUS, null);

        List<String> log = new ArrayList<>();
        log.add("Execution log for request " + requestId);
        line(log, start, "Starting execution for request: " + requestId);
        line(log, start, "HTTP Method: " + in.httpMethod() + ", Resource Path: " + path);
        line(log, start, "Method request path: " + match.pathParameters());
        line(log, start, "Method request query string: " + IntegrationResponses.last(request.query()));
        line(log, start, "Method request headers: " + IntegrationResponses.last(request.multiHeaders()));
        line(log, start, "Method request body before transformations: " + new String(body, StandardCharsets.UTF_8));
        line(log, start, "Endpoint request URI: " + match.method().path("methodIntegration").path("uri").asText(""));
        Headers out = new Headers();
        WireResponse answer;
        try {
            answer = endpoint.integrate(request, out);
        } catch (GatewayFailure f) {
            line(log, clock.instant(), "Execution failed: " + f.getMessage());
            answer = InvokeResponses.message(f.status(), f.errorType(), f.getMessage(), out);
        }
        Instant end = clock.instant();
        String responseBody = new String(answer.body() == null ? new byte[0] : answer.body(), StandardCharsets.UTF_8);
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        answer.headers().forEach((k, v) -> {
            single.putIfAbsent(k, v);
            multi.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        });
        line(log, end, "Method response body after transformations: " + responseBody);
        line(log, end, "Method response headers: " + single);
        line(log, end, "Successfully completed execution");
        line(log, end, "Method completed with status: " + answer.status());
        return new Result(answer.status(), responseBody, single, multi, String.join("\n", log) + "\n",
                Math.max(0, end.toEpochMilli() - start.toEpochMilli()));
    }

    private static void line(List<String> log, Instant at, String text) {
        log.add(LOG_DATE.format(at) + " : " + text);
    }
}
