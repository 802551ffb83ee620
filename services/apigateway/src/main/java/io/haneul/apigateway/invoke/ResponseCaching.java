package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.apigateway.domain.MethodSettingsPatch;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Stage caching around a method's integration, as API Gateway does it: with the stage's cache
 * enabled ({@code cacheClusterEnabled}), a method whose settings have {@code cachingEnabled} (the
 * stage-wide {@code *}{@code /*} settings apply to GET methods only; other methods need their own)
 * and a TTL above 0 answers from the cache while an entry for its key lives. The key is the method,
 * the resource path and the values of the integration's {@code cacheKeyParameters}
 * ({@code method.request.path|querystring|header.*}). A client's {@code Cache-Control: max-age=0}
 * fetches afresh and replaces the entry, when the method does not require authorization for it
 * ({@code requireAuthorizationForCacheControl}) or the request is SigV4-signed and verified (Haneul
 * grants {@code execute-api:InvalidateCache} to every valid signer); otherwise
 * {@code unauthorizedCacheControlHeaderStrategy} says whether it fails with 403 or is ignored, with
 * or without a {@code Warning} header.
 */
final class ResponseCaching {

    private static final Set<String> OWN_HEADERS = Set.of("x-amzn-requestid", "x-amz-apigw-id", "x-amzn-trace-id");
    private static final Pattern MAX_AGE_0 = Pattern.compile("(?i)(^|[,\\s])max-age\\s*=\\s*0+(\\s*(,|$))");
    static final String WARNING = "199 - \"Cache-Control header ignored: the caller is not authorized to invalidate the cache\"";

    private final StageCache cache;
    private final Clock clock;

    ResponseCaching(StageCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * @param stage       the stage document as served
     * @param useCache    false for a canary request whose settings do not share the stage cache
     * @param integration runs the integration (what a miss does)
     */
    WireResponse serve(InvokeRequest r, JsonNode stage, boolean useCache, Headers headers, Supplier<WireResponse> integration) {
        int ttl = ttl(stage, r);
        if (ttl <= 0 || !useCache) {
            return integration.get();
        }
        JsonNode settings = settings(stage, r);
        String key = key(r);
        Instant now = clock.instant();
        String control = r.headers().first("Cache-Control");
        boolean invalidate = control != null && MAX_AGE_0.matcher(control).find();
        boolean warn = false;
        if (invalidate && settings.path("requireAuthorizationForCacheControl").asBoolean(true) && !mayInvalidate(r)) {
            String strategy = settings.path("unauthorizedCacheControlHeaderStrategy").asText("SUCCEED_WITH_RESPONSE_HEADER");
            if (strategy.equals("FAIL_WITH_403")) {
                String user = r.caller().userArn() != null ? r.caller().userArn() : "anonymous";
                throw new GatewayFailure(GatewayResponseType.ACCESS_DENIED, "User: " + user
                        + " is not authorized to perform: execute-api:InvalidateCache on resource: " + r.executeApiArn(),
                        "AccessDeniedException");
            }
            invalidate = false;
            warn = strategy.equals("SUCCEED_WITH_RESPONSE_HEADER");
        }
        StageCache.Entry hit = invalidate ? null : cache.get(r.apiId(), r.stage(), key, now);
        WireResponse answer;
        if (hit != null) {
            hit.headers().forEach(headers::add);
            answer = new WireResponse(hit.status(), headers, hit.body());
        } else {
            answer = integration.get();
            if (answer.streamed() == null) {
                Headers kept = new Headers();
                answer.headers().forEach((name, value) -> {
                    if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                        kept.add(name, value);
                    }
                });
                cache.put(r.apiId(), r.stage(), key, new StageCache.Entry(answer.status(), kept, answer.body(), now.plusSeconds(ttl)));
            }
        }
        if (warn) {
            answer.headers().add("Warning", WARNING);
        }
        return answer;
    }

    /** The method's cache TTL in seconds, 0 when its answers are not cached. */
    static int ttl(JsonNode stage, InvokeRequest r) {
        if (!stage.path("cacheClusterEnabled").asBoolean(false)) {
            return 0;
        }
        JsonNode settings = settings(stage, r);
        if (!settings.path("cachingEnabled").asBoolean(false)) {
            return 0;
        }
        return settings.path("cacheTtlInSeconds").asInt(300);
    }

    /** The method's own settings, else the stage-wide ones for a GET (AWS caches only GETs by default). */
    private static JsonNode settings(JsonNode stage, InvokeRequest r) {
        JsonNode all = stage.path("methodSettings");
        JsonNode own = MethodSettingsPatch.find(all, r.resourcePath(), r.httpMethod());
        if (own != null) {
            return own;
        }
        return r.httpMethod().equals("GET") ? all.path("*/*") : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static String key(InvokeRequest r) {
        StringBuilder key = new StringBuilder(r.httpMethod()).append(' ').append(r.resourcePath());
        for (JsonNode p : r.integration().path("cacheKeyParameters")) {
            String value = HttpIntegration.source(p.asText(), r);
            key.append('\n').append(p.asText()).append('=').append(value == null ? "\u0000" : value);
        }
        return key.toString();
    }

    /** A caller already verified under AWS_IAM, or a request that carries a valid SigV4 signature. */
    private static boolean mayInvalidate(InvokeRequest r) {
        if (r.caller().accessKey() != null) {
            return true;
        }
        boolean signed = r.headers().first("Authorization") != null || (r.rawQuery() != null && r.rawQuery().contains("X-Amz-Credential="));
        if (!signed || r.signatures() == null) {
            return false;
        }
        try {
            var c = r.signatures().verify("execute-api");
            return c != null && c.accessKeyId() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
