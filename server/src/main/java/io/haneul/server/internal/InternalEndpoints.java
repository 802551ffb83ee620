package io.haneul.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.haneul.core.auth.AuthException;
import io.haneul.core.internal.InternalAccessDenied;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.internal.RouteAccess;
import io.haneul.core.internal.Viewer;
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
 *
 * <p>Each route says who may call it in strict mode ({@link RouteAccess}); {@link InternalAccess}
 * checks the caller before the route runs and hands it the accounts it may see. Health is open but
 * answers an unsigned caller in strict mode with its status only; coverage needs any signature;
 * metrics, server-wide, an admin key. A refused call is answered 403 with a JSON
 * {@code {"code": ..., "message": ...}} and nothing else.
 */
public final class InternalEndpoints {

    /** One route: who may call it and what answers it. */
    public record Route(RouteAccess access, Function<InternalCall, WireResponse> handler) {
    }

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Routes by method, then by path: every request under {@code /_aws/} (API Gateway's invoke URLs too) looks here first. */
    private final Map<String, Map<String, Route>> routes = new java.util.HashMap<>();
    private final InternalAccess access;

    public InternalEndpoints(Supplier<Object> health, Supplier<Object> coverage, RequestMetrics metrics, InternalAccess access) {
        this.access = access;
        register("GET /_haneul/health", RouteAccess.OPEN,
                call -> jsonResponse(200, call.viewer().isAnonymous() ? Map.of("status", "running") : health.get()));
        register("GET /_haneul/coverage", RouteAccess.SIGNED, call -> jsonResponse(200, coverage.get()));
        register("GET /_haneul/metrics", RouteAccess.ADMIN, call -> WireResponse.of(200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.prometheusText().getBytes(StandardCharsets.UTF_8)));
    }

    /** Adds a route such as {@code GET /_haneul/ses/messages}; prefix match on the path. */
    public void register(String methodAndPath, RouteAccess routeAccess, Function<InternalCall, WireResponse> handler) {
        int space = methodAndPath.indexOf(' ');
        routes.computeIfAbsent(methodAndPath.substring(0, space), m -> new java.util.HashMap<>())
                .put(methodAndPath.substring(space + 1), new Route(routeAccess, handler));
    }

    /** The answer of an internal route, or null when no route matches. */
    public WireResponse handle(WireRequest request) {
        Route route = routeFor(request);
        if (route == null) {
            return null;
        }
        try {
            Viewer viewer = access.viewer(request, route.access());
            return route.handler().apply(new InternalCall(request, viewer));
        } catch (AuthException e) {
            return refused(e.code(), e.getMessage());
        } catch (InternalAccessDenied e) {
            return refused(e.code(), e.getMessage());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // a query parameter a route could not read (limit=abc, since=yesterday): the caller's mistake, not a 500
            return jsonResponse(400, java.util.Map.of("code", "InvalidParameterValue",
                    "message", "Invalid parameter: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    /** Whether an internal route answers this request (judged from its method and path). */
    public boolean matches(WireRequest head) {
        return (head.rawPath().startsWith("/_haneul/") || head.rawPath().startsWith("/_aws/")) && routeFor(head) != null;
    }

    /** The route registered for the path, else for the longest whole-segment prefix of it (a route answers the paths below it). */
    private Route routeFor(WireRequest request) {
        Map<String, Route> byPath = routes.get(request.method());
        if (byPath == null) {
            return null;
        }
        String path = request.rawPath();
        Route exact = byPath.get(path);
        if (exact != null) {
            return exact;
        }
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            Route below = byPath.get(path.substring(0, slash));
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    /** 403 whatever the failure was (missing, malformed or wrong signature, account not visible): no data. */
    private WireResponse refused(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return jsonResponse(403, body);
    }

    public WireResponse jsonResponse(int status, Object body) {
        try {
            return WireResponse.of(status, "application/json", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
