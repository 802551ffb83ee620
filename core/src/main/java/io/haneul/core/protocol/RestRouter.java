package io.haneul.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.model.OperationModel;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.Headers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Finds the REST operation a request addresses by method and URI template, preferring the most
 * specific template when several match (S3's {@code /{Bucket}?uploads} over {@code /{Bucket}}).
 *
 * <p>Templates alone do not tell every operation apart: S3's {@code GetBucketAnalyticsConfiguration}
 * and {@code ListBucketAnalyticsConfigurations} are both {@code GET /{Bucket}?analytics}, and
 * {@code AbortMultipartUpload} and {@code DeleteObject} both {@code DELETE /{Bucket}/{Key+}}; the
 * SDKs send no {@code x-id} to tell them apart. What does is the input's required members bound to
 * the query ({@code id}, {@code uploadId}) or to headers (CopyObject's and UploadPartCopy's
 * {@code x-amz-copy-source}, beside PutObject and UploadPart). So the most specific matching
 * template wins; among equally specific ones, the one missing fewest of its required query
 * parameters and headers, then one the service can serve, then the one with more of them present,
 * then the first by operation name, so that the choice never depends on map order. A request that
 * names its operation in an {@code x-id} query parameter (as Smithy's S3 model writes its URIs, e.g.
 * {@code GET /?x-id=ListDirectoryBuckets}, and the SDKs built on it send) gets that operation among
 * the templates that tie on all of that ranking: ListBuckets and ListDirectoryBuckets are otherwise
 * the same request. An x-id never overrides the ranking ({@code GET /b/k?uploadId=u&x-id=GetObject} is
 * ListParts), so that the operation run is the one a bucket policy judges the request as.
 */
public final class RestRouter {

    /**
     * An operation that matched, with its label values and the query keys its template names
     * literally (which are not members, e.g. {@code mode} of {@code ?mode=import}).
     */
    public record Match(String operation, Map<String, String> labels, Set<String> literalQuery) {
    }

    private record Route(String method, UriTemplate template, String operation, List<String> requiredQuery,
                         List<String> requiredHeaders) {
    }

    private final Map<String, List<Route>> byService = new ConcurrentHashMap<>();

    public Match route(ServiceModel model, String method, String rawPath, Map<String, List<String>> query) {
        return route(model, method, rawPath, query, null, op -> true);
    }

    /**
     * @param servable operations that can be served; among templates that tie otherwise, these win
     *                 (S3's deprecated {@code GetBucketLifecycle}, which the SDK has no classes for,
     *                 shares {@code GET /{Bucket}?lifecycle} with {@code GetBucketLifecycleConfiguration})
     */
    public Match route(ServiceModel model, String method, String rawPath, Map<String, List<String>> query,
                       Headers headers, Predicate<String> servable) {
        List<Route> routes = byService.computeIfAbsent(model.id(), id -> routesOf(model));
        List<String> xId = query.get("x-id");
        String named = xId == null || xId.isEmpty() ? null : xId.getFirst();
        Route best = null;
        Map<String, String> bestLabels = null;
        int bestMissing = 0;
        int bestPresent = 0;
        boolean bestServable = false;
        for (Route r : routes) {
            if (best != null && r.template.specificity() < best.template.specificity()) {
                break;
            }
            if (!r.method.equals(method)) {
                continue;
            }
            Map<String, String> labels = r.template.match(rawPath, query);
            if (labels == null) {
                continue;
            }
            int present = 0;
            for (String q : r.requiredQuery) {
                if (query.containsKey(q)) {
                    present++;
                }
            }
            for (String h : r.requiredHeaders) {
                if (headers != null && headers.has(h)) {
                    present++;
                }
            }
            int missing = r.requiredQuery.size() + r.requiredHeaders.size() - present;
            boolean canServe = servable.test(r.operation);
            boolean tie = best != null && missing == bestMissing;
            boolean sameRank = tie && canServe == bestServable;
            if (best == null || missing < bestMissing
                    || (tie && canServe && !bestServable)
                    || (sameRank && present > bestPresent)
                    || (sameRank && present == bestPresent && r.operation.equals(named))) {
                best = r;
                bestLabels = labels;
                bestMissing = missing;
                bestPresent = present;
                bestServable = canServe;
            }
        }
        return best == null ? null : new Match(best.operation, bestLabels, best.template.literalQuery());
    }

    private static List<Route> routesOf(ServiceModel model) {
        List<Route> routes = new ArrayList<>();
        for (OperationModel op : model.operations().values()) {
            routes.add(new Route(op.httpMethod(), new UriTemplate(op.requestUri()), op.name(),
                    requiredBound(model, op, "querystring"), requiredBound(model, op, "header")));
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.template.specificity()).reversed()
                .thenComparing(Route::operation));
        return List.copyOf(routes);
    }

    /** Wire names of the input's required members bound to {@code location} (query string or header). */
    private static List<String> requiredBound(ServiceModel model, OperationModel op, String location) {
        JsonNode input = op.inputShape() == null ? null : model.shapes().get(op.inputShape());
        if (input == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode required : input.path("required")) {
            JsonNode member = input.path("members").path(required.asText());
            if (location.equals(member.path("location").asText())) {
                names.add(member.path("locationName").asText(required.asText()));
            }
        }
        return List.copyOf(names);
    }
}
