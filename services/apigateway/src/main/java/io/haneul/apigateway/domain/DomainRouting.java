package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * How a custom domain's base path mappings route a request path: the mapping whose base path is
 * the longest whole-segment prefix of the path wins, {@code (none)} takes what no other mapping
 * does; a mapping without a stage takes the stage from the next path segment.
 */
public final class DomainRouting {

    /** The base path of the mapping that has none. */
    public static final String NONE = "(none)";

    private DomainRouting() {
    }

    /** An API, a stage, and the path after them ({@code null} when nothing follows). */
    public record Target(String apiId, String stage, String path) {
    }

    public static Optional<Target> route(List<? extends JsonNode> mappings, String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        JsonNode best = null;
        int bestLength = -1;
        for (JsonNode m : mappings) {
            String base = m.path("basePath").asText();
            int length;
            if (base.equals(NONE)) {
                length = 0;
            } else if (path.equals("/" + base) || path.startsWith("/" + base + "/")) {
                length = base.length() + 1;
            } else {
                continue;
            }
            if (length > bestLength) {
                best = m;
                bestLength = length;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = path.substring(bestLength);
        if (best.hasNonNull("stage")) {
            return Optional.of(new Target(best.get("restApiId").asText(), best.get("stage").asText(), rest.isEmpty() ? null : rest));
        }
        String[] parts = rest.split("/", 3);
        if (parts.length < 2 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(best.get("restApiId").asText(), parts[1], parts.length == 3 ? "/" + parts[2] : null));
    }
}
