package io.haneul.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Haneul's own endpoints under {@code /_haneul/} (and LocalStack-compatible aliases under
 * {@code /_aws/}): health, coverage, metrics, and whatever inspection routes services register.
 */
public final class InternalEndpoints {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Function<WireRequest, WireResponse>> routes = new LinkedHashMap<>();

    public InternalEndpoints(Supplier<Object> health, Supplier<Object> coverage, RequestMetrics metrics) {
        routes.put("GET /_haneul/health", r -> jsonResponse(200, health.get()));
        routes.put("GET /_haneul/coverage", r -> jsonResponse(200, coverage.get()));
        routes.put("GET /_haneul/metrics", r -> WireResponse.of(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.prometheusText().getBytes(StandardCharsets.UTF_8)));
    }

    /** Adds a route such as {@code GET /_haneul/ses/messages}; prefix match on the path. */
    public void register(String methodAndPath, Function<WireRequest, WireResponse> handler) {
        routes.put(methodAndPath, handler);
    }

    /** The answer of an internal route, or null when no route matches. */
    public WireResponse handle(WireRequest request) {
        Function<WireRequest, WireResponse> route = routeFor(request);
        return route == null ? null : route.apply(request);
    }

    /** Whether an internal route answers this request (judged from its method and path). */
    public boolean matches(WireRequest head) {
        return (head.rawPath().startsWith("/_haneul/") || head.rawPath().startsWith("/_aws/")) && routeFor(head) != null;
    }

    private Function<WireRequest, WireResponse> routeFor(WireRequest request) {
        String key = request.method() + " " + request.rawPath();
        Function<WireRequest, WireResponse> exact = routes.get(key);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String route : routes.keySet()) {
            if (key.startsWith(route + "/") && (best == null || route.length() > best.length())) {
                best = route;
            }
        }
        return best == null ? null : routes.get(best);
    }

    public WireResponse jsonResponse(int status, Object body) {
        try {
            return WireResponse.of(status, "application/json", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
