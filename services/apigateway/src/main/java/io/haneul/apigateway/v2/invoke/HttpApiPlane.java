package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.store.WriteKeyedCache;
import io.haneul.apigateway.v2.store.V2Store;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves invocations of HTTP APIs (API Gateway v2). The stage is the first path segment when a
 * stage of that name exists, else {@code $default} (which has no prefix); an auto-deploying stage
 * serves the API as it is, any other the deployment it points at. Then CORS preflight, route
 * selection ({@link RouteTable}), the route's authorizer, and its integration. AWS's own answers are
 * {@code {"message": ...}} JSON ({@code 404 Not Found} for no stage or route); every answer
 * carries {@code apigw-requestid}.
 */
public final class HttpApiPlane {

    private static final int CACHE_LIMIT = 4096;

    private final V2Store store;
    private final ObjectMapper json;
    private final HttpApiIntegrations integrations;
    private final JwtAuthorizer jwt;
    private final LambdaAuthorizer lambdaAuthorizer;
    private final Throttle throttle;
    private final IamAuthorizer iam;
    private final HttpApiAccessLogs accessLogs;
    /*
     * What every request reads (the API, the stage, the routes, integrations and authorizers it serves), kept
     * while the store has seen no write: a change made through this node is served at once, one made through
     * another PostgreSQL node within a second (see WriteCount).
     */
    private final WriteKeyedCache<Optional<V2Store.Row>> apis = new WriteKeyedCache<>(CACHE_LIMIT);
    private final WriteKeyedCache<Optional<ObjectNode>> stages = new WriteKeyedCache<>(CACHE_LIMIT);
    private final WriteKeyedCache<Optional<Config>> configs = new WriteKeyedCache<>(CACHE_LIMIT);

    public HttpApiPlane(V2Store store, ObjectMapper json, Supplier<Optional<FunctionInvoker>> lambda,
                        Supplier<Optional<io.haneul.core.spi.QueueDelivery>> queues,
                        Supplier<Optional<io.haneul.core.spi.QueueConsumer>> consumers, io.haneul.apigateway.invoke.AccessLogs accessLogs,
                        java.time.Clock clock, io.haneul.apigateway.invoke.BackendClient backend) {
        this.store = store;
        this.json = json;
        this.integrations = new HttpApiIntegrations(lambda, queues, consumers, json, backend);
        this.jwt = new JwtAuthorizer(clock);
        this.lambdaAuthorizer = new LambdaAuthorizer(lambda, json, clock);
        this.throttle = new Throttle(clock);
        this.iam = new IamAuthorizer(json);
        this.accessLogs = new HttpApiAccessLogs(clock, accessLogs);
    }

    /** Whether an id names an HTTP (v2) API, whose invocations this plane serves rather than the REST one. */
    public boolean owns(String apiId) {
        return api(apiId, store.writeCount()).filter(r -> r.doc().path("protocolType").asText().equals("HTTP")).isPresent();
    }

    /** Whether a host (lower case, no port) is a custom domain name of HTTP APIs. */
    public boolean isDomain(String host) {
        return store.isDomainName(host);
    }

    /**
     * A request to a custom domain name: the API mapping whose {@code ApiMappingKey} is the longest
     * whole-segment prefix of the path (the empty key catches the rest) names the API and stage; the
     * path after the key is routed. The execute-api endpoint being disabled does not matter here.
     */
    public WireResponse handleDomain(DataPlaneCall call, String host, String rawPath) {
        Optional<V2Store.Row> domain = store.findAnywhere("domainName", host);
        Headers headers = new Headers();
        if (domain.isEmpty()) {
            return message(404, "Not Found", headers);
        }
        V2Store.Row owner = domain.get();
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        ObjectNode best = null;
        String bestKey = null;
        for (ObjectNode m : store.list("apiMapping", "domain:" + owner.account() + ":" + owner.region() + ":" + host)) {
            String key = m.path("apiMappingKey").asText("");
            String prefix = key.isEmpty() ? "" : "/" + key;
            boolean fits = key.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
            if (fits && (bestKey == null || key.length() > bestKey.length())) {
                best = m;
                bestKey = key;
            }
        }
        if (best == null) {
            return message(404, "Not Found", headers);
        }
        String rest = bestKey.isEmpty() ? path : path.substring(bestKey.length() + 1);
        return serve(call, store.writeCount(), best.path("apiId").asText(), best.path("stage").asText(), rest.isEmpty() ? "/" : rest, host, headers);
    }

    /** @param path everything after the API's id in the invoke URL (stage included), {@code /} at least */
    public WireResponse handle(DataPlaneCall call, String apiId, String path) {
        Headers headers = new Headers();
        long writes = store.writeCount();
        Optional<V2Store.Row> row = api(apiId, writes);
        if (row.isPresent() && row.get().doc().path("disableExecuteApiEndpoint").asBoolean(false)) {
            headers.set("apigw-requestid", io.haneul.core.engine.FastIds.uuid().substring(0, 18));
            return message(403, "Forbidden", headers);
        }
        String full = path == null || path.isEmpty() ? "/" : path;
        List<String> segments = segments(full);
        String stageName = "$default";
        String routed = full;
        if (!segments.isEmpty() && !segments.get(0).equals("$default") && stage(apiId, segments.get(0), writes).isPresent()) {
            stageName = segments.get(0);
            routed = full.substring(full.indexOf('/', 1) < 0 ? full.length() : full.indexOf('/', 1));
        }
        return serve(call, writes, apiId, stageName, routed.isEmpty() ? "/" : routed, null, headers);
    }

    /**
     * @param writes     the store's write count read once, before anything this request reads: the API, stage and
     *                   route config caches are all tagged with it, so a config built from a stage read before a
     *                   write is never kept as if it were newer (it would serve stale routes until the next write)
     * @param routed     the path the routes match (after the stage or the mapping key)
     * @param domainName the custom domain the request came through, or null for the execute-api host or path forms
     */
    private WireResponse serve(DataPlaneCall call, long writes, String apiId, String stageName, String routed, String domainName, Headers headers) {
        String requestId = io.haneul.core.engine.FastIds.uuid().substring(0, 18);
        headers.set("apigw-requestid", requestId);
        Optional<V2Store.Row> row = api(apiId, writes);
        if (row.isEmpty()) {
            return message(404, "Not Found", headers);
        }
        ObjectNode api = row.get().doc();
        V2Store.Row owner = row.get();
        List<String> segments = segments(routed);
        ObjectNode stage = stage(apiId, stageName, writes).orElse(null);
        if (stage == null) {
            return message(404, "Not Found", headers);
        }
        String[] routeKey = {"-"};
        WireResponse answer = dispatch(call, writes, api, owner, stage, routed, segments, domainName, requestId, headers, routeKey);
        accessLogs.record(call, stage, owner.account(), apiId, requestId, routeKey[0], domainName != null ? domainName : hostOf(call.request(), apiId),
                rawPath(call.request(), apiId), answer);
        return answer;
    }

    /** Everything after the stage: CORS preflight, the route, throttling, authorization, the integration. */
    private WireResponse dispatch(DataPlaneCall call, long writes, ObjectNode api, V2Store.Row owner, ObjectNode stage, String routed, List<String> segments,
                                  String domainName, String requestId, Headers headers, String[] routeKey) {
        String apiId = api.path("apiId").asText();
        Optional<Config> config = configs.get(configKey(apiId, stage), writes, () -> config(apiId, stage));
        if (config.isEmpty()) {
            return message(404, "Not Found", headers);
        }
        WireRequest r = call.request();
        JsonNode cors = api.get("corsConfiguration");
        if (cors != null && Cors.isPreflight(r.method(), r.headers())) {
            Cors.preflight(cors, r.headers(), headers);
            return new WireResponse(204, headers, new byte[0]);
        }
        Optional<RouteTable.Match> match = config.get().routes().match(r.method(), segments);
        if (match.isEmpty()) {
            return withCors(cors, r, message(404, "Not Found", headers));
        }
        JsonNode route = match.get().route();
        routeKey[0] = route.path("routeKey").asText();
        if (!throttle.admit(apiId, stage, route.path("routeKey").asText())) {
            return withCors(cors, r, message(429, "Too Many Requests", headers));
        }
        String target = route.path("target").asText("");
        JsonNode integration = config.get().integrations().get(target.startsWith("integrations/") ? target.substring(13) : "");
        if (integration == null) {
            return withCors(cors, r, message(404, "Not Found", headers));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        stage.path("stageVariables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        HttpApiRequest request = new HttpApiRequest(requestId, call.receivedAt(), owner.account(), owner.region(), apiId, stage.path("stageName").asText(),
                domainName != null ? domainName : hostOf(r, apiId), r.method(), rawPath(r, apiId), routed, r.rawQuery() == null ? "" : r.rawQuery(), r.headers(), r.body(),
                r.remoteAddress(), route, match.get().pathParameters(), variables, integration, null);
        String auth = route.path("authorizationType").asText("NONE");
        if (auth.equals("AWS_IAM")) {
            JwtAuthorizer.Outcome outcome = iam.authorize(call);
            if (outcome.status() != 200) {
                return withCors(cors, r, message(403, outcome.challenge(), headers));
            }
            request = request.withAuthorizer(outcome.context());
        } else if (auth.equals("JWT") || auth.equals("CUSTOM")) {
            JsonNode authorizer = config.get().authorizers().get(route.path("authorizerId").asText());
            if (authorizer == null) {
                return withCors(cors, r, message(500, "Internal Server Error", headers));
            }
            JwtAuthorizer.Outcome outcome = auth.equals("JWT")
                    ? jwt.authorize(authorizer, request, route.path("authorizationScopes"), json)
                    : lambdaAuthorizer.authorize(authorizer, request);
            if (outcome.status() != 200) {
                if (outcome.challenge() != null) {
                    headers.set("www-authenticate", outcome.challenge());
                }
                String text = switch (outcome.status()) {
                    case 401 -> "Unauthorized";
                    case 403 -> "Forbidden";
                    default -> "Internal Server Error";
                };
                return withCors(cors, r, message(outcome.status(), text, headers));
            }
            request = request.withAuthorizer(outcome.context());
        }
        return withCors(cors, r, integrations.invoke(request, headers));
    }

    private Optional<V2Store.Row> api(String apiId, long writes) {
        return apis.get(apiId, writes, () -> store.findAnywhere("api", apiId));
    }

    private Optional<ObjectNode> stage(String apiId, String stageName, long writes) {
        return stages.get(apiId + "/" + stageName, writes, () -> store.find("stage", apiId, stageName));
    }

    /**
     * The config cache's key: what the config is built from (the stage's deployment, or the API itself when it
     * auto-deploys), so a config built from one deployment is never served for a stage that points at another.
     */
    static String configKey(String apiId, ObjectNode stage) {
        return apiId + "/" + stage.path("stageName").asText() + "/"
                + (stage.path("autoDeploy").asBoolean(false) ? "*auto" : stage.path("deploymentId").asText(""));
    }

    /** The routes, integrations (by id) and authorizers (by id) a stage serves. */
    private record Config(RouteTable routes, Map<String, JsonNode> integrations, Map<String, JsonNode> authorizers) {
    }

    private Optional<Config> config(String apiId, ObjectNode stage) {
        if (stage.path("autoDeploy").asBoolean(false)) {
            return Optional.of(new Config(new RouteTable(new ArrayList<>(store.list("route", apiId))), byId(store.list("integration", apiId), "integrationId"),
                    byId(store.list("authorizer", apiId), "authorizerId")));
        }
        String deployment = stage.path("deploymentId").asText("");
        return store.find("snapshot", apiId, deployment).map(s -> {
            List<JsonNode> routes = new ArrayList<>();
            s.path("routes").forEach(routes::add);
            List<ObjectNode> integrations = new ArrayList<>();
            s.path("integrations").forEach(i -> integrations.add((ObjectNode) i));
            List<ObjectNode> authorizers = new ArrayList<>();
            s.path("authorizers").forEach(a -> authorizers.add((ObjectNode) a));
            return new Config(new RouteTable(routes), byId(integrations, "integrationId"), byId(authorizers, "authorizerId"));
        });
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> items, String member) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i.path(member).asText(), i));
        return out;
    }

    private static WireResponse withCors(JsonNode cors, WireRequest r, WireResponse response) {
        if (cors != null) {
            Cors.actual(cors, r.headers(), response.headers());
        }
        return response;
    }

    static WireResponse message(int status, String message, Headers headers) {
        headers.set("Content-Type", "application/json");
        return new WireResponse(status, headers, ("{\"message\":\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The path as the client sent it to the API: without Haneul's {@code /_aws/execute-api/{apiId}} prefix when it used that form. */
    private static String rawPath(WireRequest r, String apiId) {
        String prefix = "/_aws/execute-api/" + apiId;
        String p = r.rawPath();
        return p.startsWith(prefix) ? (p.length() == prefix.length() ? "/" : p.substring(prefix.length())) : p;
    }

    private static String hostOf(WireRequest r, String apiId) {
        String host = r.header("Host");
        return host == null || !host.startsWith(apiId + ".") ? apiId + ".execute-api.localhost" : host;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(WireRequest.percentDecode(s, false));
            }
        }
        return out;
    }
}
