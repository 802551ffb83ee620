package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.apigateway.DeploymentService;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.RouteMatcher;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves invocations of deployed REST APIs: finds the stage's deployment (never the API as edited
 * since), matches the route, runs the method's integration, and answers API Gateway's own errors
 * ({@code 403 Missing Authentication Token} for anything it cannot route). Every answer carries
 * {@code x-amzn-RequestId} and {@code x-amz-apigw-id}.
 */
public final class InvokeEndpoint {

    private static final int ROUTE_CACHE = 256;
    /** REST APIs' payload quota, 10 MB (not adjustable on AWS): a larger body is 413 {@code Request Too Long}. */
    static final int MAX_PAYLOAD = 10 * 1024 * 1024;

    private final DeploymentService deployments;
    private final Ids ids;
    private final Map<String, Integration> integrations;
    /** Route tables by deployment: deployments never change, so a table built once stays right. */
    private final Map<String, RouteMatcher> routes = new ConcurrentHashMap<>();

    private final List<InvokeStep> steps;
    private final AccessLogs accessLogs = new AccessLogs();
    private final java.time.Clock clock;

    /** @param steps what runs between the route and the integration, in order (see {@link InvokeStep}) */
    public InvokeEndpoint(DeploymentService deployments, Ids ids, Map<String, Integration> integrations, List<InvokeStep> steps) {
        this(deployments, ids, integrations, steps, java.time.Clock.systemUTC());
    }

    /** @param clock what access logs' latencies are measured with */
    public InvokeEndpoint(DeploymentService deployments, Ids ids, Map<String, Integration> integrations, List<InvokeStep> steps,
                          java.time.Clock clock) {
        this.clock = clock;
        this.deployments = deployments;
        this.ids = ids;
        this.integrations = integrations;
        this.steps = List.copyOf(steps);
    }

    /** One integration type's behaviour. */
    @FunctionalInterface
    public interface Integration {
        WireResponse invoke(InvokeRequest request, Headers responseHeaders);
    }

    /** @param path what follows the stage, or null when the URL ends at the stage */
    public WireResponse handle(DataPlaneCall call, String apiId, String stage, String path) {
        Headers headers = idHeaders(call.receivedAt());
        Optional<DeploymentService.Deployed> deployed = deployments.deployed(apiId, stage);
        if (deployed.isEmpty()) {
            return missingToken(headers);
        }
        DeploymentService.Deployed d = deployed.get();
        WireResponse answer = serve(call, apiId, stage, path, d, headers);
        if (d.stage().has("accessLogSettings")) {
            logAccess(call, apiId, stage, path, d, answer);
        }
        return answer;
    }

    /** Everything after the stage is found: route, steps, integration. */
    private WireResponse serve(DataPlaneCall call, String apiId, String stage, String path, DeploymentService.Deployed d, Headers headers) {
        if (d.api().path("disableExecuteApiEndpoint").asBoolean(false)) {
            return InvokeResponses.message(403, "ForbiddenException", "Forbidden", headers);
        }
        if (call.request().body().length > MAX_PAYLOAD) {
            return InvokeResponses.message(413, null, "Request Too Long", headers);
        }
        String rest = path == null || path.isEmpty() ? "/" : path;
        RouteMatcher matcher = routes.computeIfAbsent(apiId + "/" + d.deploymentId(), k -> {
            if (routes.size() >= ROUTE_CACHE) {
                routes.clear();
            }
            return new RouteMatcher(d.resources());
        });
        WireRequest r = call.request();
        Optional<RouteMatcher.Match> match = matcher.match(r.method(), segments(rest));
        if (match.isEmpty()) {
            return missingToken(headers);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        d.stage().path("variables").fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        InvokeRequest request = new InvokeRequest(headers.first("x-amzn-RequestId"), headers.first("x-amz-apigw-id"), call.receivedAt(),
                r.method(), WireRequest.percentDecode(rest, false), "/" + stage + WireRequest.percentDecode(rest.equals("/") ? "" : rest, false),
                r.rawQuery(), ForwardedHeaders.of(r, call.scheme(), headers.first("X-Amzn-Trace-Id")), r.body(), r.remoteAddress(),
                hostOf(r), d.account(), d.region(), apiId, stage,
                d.deploymentId(), variables, d.api(), match.get(), CallerIdentity.ANONYMOUS, call::authenticate);
        try {
            for (InvokeStep step : steps) {
                request = step.apply(request);
            }
        } catch (GatewayFailure f) {
            return InvokeResponses.message(f.type().defaultStatus(), f.errorType(), f.getMessage(), headers);
        }
        return integrate(request, headers);
    }

    /** Runs the matched method's integration (what TestInvokeMethod runs, without the steps before it). */
    public WireResponse integrate(InvokeRequest request, Headers headers) {
        JsonNode integration = request.match().method().path("methodIntegration");
        Integration handler = integrations.get(integration.path("type").asText());
        if (handler == null) {
            return InvokeResponses.internalError(500, headers);
        }
        return handler.invoke(request, headers);
    }

    /** Stages' access logs, read by the internal route {@code /_haneul/apigateway/logs/{apiId}/{stage}}. */
    public AccessLogs accessLogs() {
        return accessLogs;
    }

    private void logAccess(DataPlaneCall call, String apiId, String stage, String path, DeploymentService.Deployed d, WireResponse answer) {
        WireRequest r = call.request();
        String rest = path == null || path.isEmpty() ? "/" : path;
        RouteMatcher matcher = routes.get(apiId + "/" + d.deploymentId());
        String resourcePath = matcher == null ? null : matcher.match(r.method(), segments(rest))
                .map(m -> m.resource().path("path").asText()).orElse(null);
        int length = answer.body() != null ? answer.body().length : answer.streamed() != null ? (int) answer.streamed().length() : 0;
        String error = answer.headers().has("x-amzn-ErrorType") && answer.body() != null && answer.body().length < 512
                ? new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?s)^\\{\\s*\"message\"\\s*:\\s*\"(.*)\"\\s*}$", "$1")
                : null;
        accessLogs.record(d.stage(), new AccessLogs.Entry(d.account(), apiId, stage, answer.headers().first("x-amzn-RequestId"),
                answer.headers().first("x-amz-apigw-id"), call.receivedAt(), r.method(), WireRequest.percentDecode(rest, false), resourcePath,
                "HTTP/1.1", r.remoteAddress(), r.header("User-Agent"), answer.status(), length,
                java.time.Duration.between(call.receivedAt(), clock.instant()).toMillis(), hostOf(r), error));
    }

    /** The 403 API Gateway answers for an unknown API, stage, resource or method. */
    public WireResponse missingToken(DataPlaneCall call) {
        return missingToken(idHeaders(call.receivedAt()));
    }

    private static WireResponse missingToken(Headers headers) {
        return InvokeResponses.message(403, "MissingAuthenticationTokenException", "Missing Authentication Token", headers);
    }

    private Headers idHeaders(Instant at) {
        Headers h = new Headers();
        h.set("x-amzn-RequestId", io.haneul.core.engine.FastIds.uuid());
        h.set("x-amz-apigw-id", ids.extendedRequestId());
        h.set("X-Amzn-Trace-Id", ForwardedHeaders.traceId(at, ids));
        return h;
    }

    private static String hostOf(WireRequest r) {
        String host = r.header("Host");
        return host == null ? "" : host;
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(WireRequest.percentDecode(s, false));
            }
        }
        return out;
    }
}
