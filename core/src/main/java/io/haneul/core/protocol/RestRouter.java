package io.haneul.core.protocol;

import io.haneul.core.model.OperationModel;
import io.haneul.core.model.ServiceModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the REST operation a request addresses by method and URI template, preferring the most
 * specific template when several match (S3's {@code /{Bucket}?uploads} over {@code /{Bucket}}).
 */
public final class RestRouter {

    /** An operation that matched, with its label values. */
    public record Match(String operation, Map<String, String> labels) {
    }

    private record Route(String method, UriTemplate template, String operation) {
    }

    private final Map<String, List<Route>> byService = new ConcurrentHashMap<>();

    public Match route(ServiceModel model, String method, String rawPath, Map<String, List<String>> query) {
        List<Route> routes = byService.computeIfAbsent(model.id(), id -> routesOf(model));
        for (Route r : routes) {
            if (r.method.equals(method)) {
                Map<String, String> labels = r.template.match(rawPath, query);
                if (labels != null) {
                    return new Match(r.operation, labels);
                }
            }
        }
        return null;
    }

    private static List<Route> routesOf(ServiceModel model) {
        List<Route> routes = new ArrayList<>();
        for (OperationModel op : model.operations().values()) {
            routes.add(new Route(op.httpMethod(), new UriTemplate(op.requestUri()), op.name()));
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.template.specificity()).reversed());
        return List.copyOf(routes);
    }
}
