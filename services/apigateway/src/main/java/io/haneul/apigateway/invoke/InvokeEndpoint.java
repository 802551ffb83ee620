package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.DeploymentService;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.RouteMatcher;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves invocations of deployed REST APIs: finds the stage's deployment (never the API as edited
 * since), matches the route, runs the {@link InvokeStep}s and the method's integration, and answers
 * API Gateway's own errors ({@code 403 Missing Authentication Token} for anything it cannot route,
 * every {@link GatewayFailure}) as the deployment's gateway responses ({@link GatewayResponses}).
 * Every answer carries {@code x-amzn-RequestId} and {@code x-amz-apigw-id}.
 */
public final class InvokeEndpoint {

    private static final int ROUTE_CACHE = 256;

    private final DeploymentService deployments;
    private final Ids ids;
    private final Map<String, Integration> integrations;
    /** Route tables by deployment: deployments never change, so a table built once stays right. */
    private final Map<String, RouteMatcher> routes = new ConcurrentHashMap<>();

    private final List<InvokeStep> steps;
    private final DeployedItems items;
    private final GatewayResponses failures;
    private final AccessLogs accessLogs;
    private final java.time.Clock clock;
    private final StageCache stageCache = new StageCache();
    private final ResponseCaching caching;
    /** A number in [0, 100) per request, against a canary's percentTraffic. */
    private final java.util.function.DoubleSupplier percentile = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(100);
    /** REST APIs' payload quota, 10 MB (not adjustable on AWS): a larger body is 413 {@code Request Too Long}. */
    static final int MAX_PAYLOAD = 10 * 1024 * 1024;

    /**
     * @param steps    what runs between the route and the integration, in order (see {@link InvokeStep})
     * @param items    the deployments' frozen gateway responses (and models and validators)
     * @param failures how a {@link GatewayFailure} is answered
     */
    /**
     * @param clock      what access logs' latencies and cached answers' TTLs are measured with
     * @param accessLogs where stages' access log lines go
     */
    public InvokeEndpoint(DeploymentService deployments, Ids ids, Map<String, Integration> integrations, List<InvokeStep> steps,
                          DeployedItems items, GatewayResponses failures, java.time.Clock clock, AccessLogs accessLogs) {
        this.clock = clock;
        this.accessLogs = accessLogs;
        this.caching = new ResponseCaching(stageCache, clock);
        this.deployments = deployments;
        this.ids = ids;
        this.integrations = integrations;
        this.steps = List.copyOf(steps);
        this.items = items;
        this.failures = failures;
    }

    /** One integration type's behaviour; it throws {@link GatewayFailure} for API Gateway's own errors. */
    @FunctionalInterface
    public interface Integration {
        WireResponse invoke(InvokeRequest request, Headers responseHeaders);
    }

    /** @param path what follows the stage, or null when the URL ends at the stage */
    public WireResponse handle(DataPlaneCall call, String apiId, String stage, String path) {
        return handle(call, apiId, stage, path, false);
    }

    /**
     * @param path         what follows the stage, or null when the URL ends at the stage
     * @param customDomain true when a custom domain name's mapping chose the API: it answers even when the
     *                     API's default endpoint is disabled
     */
    public WireResponse handle(DataPlaneCall call, String apiId, String stage, String path, boolean customDomain) {
        Headers headers = idHeaders(call);
        Optional<DeploymentService.Deployed> deployed = deployments.deployed(apiId, stage);
        String rest = path == null || path.isEmpty() ? "/" : path;
        if (deployed.isEmpty()) {
            return unrouted(call, headers, null, apiId, stage, rest);
        }
        DeploymentService.Deployed d = deployed.get();
        Boolean canary = null;
        if (d.stage().has("canarySettings")) {
            double share = d.stage().path("canarySettings").path("percentTraffic").asDouble(0);
            Optional<DeploymentService.Deployed> release = deployments.canary(apiId, stage);
            canary = share > 0 && release.isPresent() && percentile.getAsDouble() < share;
            if (canary) {
                d = release.get();
            }
        }
        WireResponse answer = serve(call, apiId, stage, rest, customDomain, d, headers, canary);
        if (d.stage().has("accessLogSettings")) {
            logAccess(call, apiId, stage, rest, d, answer);
        }
        return answer;
    }

    /** Everything after the stage is found: route, steps, integration. */
    private WireResponse serve(DataPlaneCall call, String apiId, String stage, String rest, boolean customDomain,
                               DeploymentService.Deployed d, Headers headers, Boolean canary) {
        if (!customDomain && d.api().path("disableExecuteApiEndpoint").asBoolean(false)) {
            return InvokeResponses.message(403, "ForbiddenException", "Forbidden", headers);
        }
        if (call.request().body().length > MAX_PAYLOAD) {
            return InvokeResponses.message(413, null, "Request Too Long", headers);
        }
        RouteMatcher matcher = routes.computeIfAbsent(apiId + "/" + d.deploymentId(), k -> {
            if (routes.size() >= ROUTE_CACHE) {
                routes.clear();
            }
            return new RouteMatcher(d.resources());
        });
        WireRequest r = call.request();
        Optional<RouteMatcher.Match> match = matcher.match(r.method(), segments(rest));
        if (match.isEmpty()) {
            return unrouted(call, headers, d, apiId, stage, rest);
        }
        InvokeRequest request = new InvokeRequest(headers.first("x-amzn-RequestId"), headers.first("x-amz-apigw-id"), call.receivedAt(),
                r.method(), WireRequest.percentDecode(rest, false), stagePath(stage, rest), r.rawQuery(),
                ForwardedHeaders.of(r, call.scheme(), headers.first("X-Amzn-Trace-Id")), r.body(), r.remoteAddress(),
                hostOf(r), d.account(), d.region(), apiId, stage,
                d.deploymentId(), variables(d), d.api(), match.get(), CallerIdentity.ANONYMOUS, call::authenticate, canary);
        try {
            for (InvokeStep step : steps) {
                request = step.apply(request);
            }
            InvokeRequest ready = request;
            boolean useCache = !Boolean.TRUE.equals(canary) || d.stage().path("canarySettings").path("useStageCache").asBoolean(false);
            return caching.serve(ready, d.stage(), useCache, headers, () -> integrate(ready, headers));
        } catch (GatewayFailure f) {
            return failures.render(items.of(apiId, d.deploymentId(), DeployedItems.GATEWAY_RESPONSES), f, FailureScene.of(request), headers);
        }
    }

    /**
     * Runs the matched method's integration (what TestInvokeMethod runs, without the steps before it).
     *
     * @throws GatewayFailure API Gateway's own error
     */
    public WireResponse integrate(InvokeRequest request, Headers headers) {
        JsonNode integration = request.match().method().path("methodIntegration");
        Integration handler = integrations.get(integration.path("type").asText());
        if (handler == null) {
            throw GatewayFailures.configurationError();
        }
        return handler.invoke(request, headers);
    }

    /** Stages' response caches (FlushStageCache). */
    public StageCache stageCache() {
        return stageCache;
    }

    /** Stages' access logs, read by the internal route {@code /_haneul/apigateway/logs/{apiId}/{stage}}. */
    public AccessLogs accessLogs() {
        return accessLogs;
    }

    private void logAccess(DataPlaneCall call, String apiId, String stage, String rest, DeploymentService.Deployed d, WireResponse answer) {
        WireRequest r = call.request();
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

    /** The 403 API Gateway answers for a URL it cannot even split into an API and a stage. */
    public WireResponse missingToken(DataPlaneCall call) {
        Headers headers = idHeaders(call);
        return unrouted(call, headers, null, "", "", call.request().rawPath());
    }

    /** Missing Authentication Token for a request no method took, as the deployment (if any) customises it. */
    private WireResponse unrouted(DataPlaneCall call, Headers headers, DeploymentService.Deployed d, String apiId, String stage, String rest) {
        WireRequest r = call.request();
        FailureScene scene = FailureScene.unrouted(new FailureScene.Unrouted(headers.first("x-amzn-RequestId"), headers.first("x-amz-apigw-id"),
                call.receivedAt(), r.method(), stagePath(stage, rest), r.rawQuery(), r.headers(), r.body(), r.remoteAddress(), hostOf(r),
                d == null ? null : d.account(), apiId, stage, d == null ? Map.of() : variables(d)));
        ObjectNode customised = d == null ? JsonNodeFactory.instance.objectNode()
                : items.of(apiId, d.deploymentId(), DeployedItems.GATEWAY_RESPONSES);
        return failures.render(customised, GatewayFailures.missingToken(), scene, headers);
    }

    private static String stagePath(String stage, String rest) {
        return "/" + stage + WireRequest.percentDecode(rest.equals("/") ? "" : rest, false);
    }

    private static Map<String, String> variables(DeploymentService.Deployed d) {
        Map<String, String> variables = new LinkedHashMap<>();
        d.stage().path("variables").fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        return variables;
    }

    /** The request's ids: the server's id of the call (a UUID, the one its log lines name) is API Gateway's request id. */
    private Headers idHeaders(DataPlaneCall call) {
        Headers h = new Headers();
        h.set("x-amzn-RequestId", call.requestId());
        h.set("x-amz-apigw-id", ids.extendedRequestId());
        h.set("X-Amzn-Trace-Id", ForwardedHeaders.traceId(call.receivedAt(), ids));
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
