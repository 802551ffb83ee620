package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A stage's cache cluster as AWS reports it: the sizes AWS offers (GB), 0.5 when enabled without
 * one, status {@code AVAILABLE} while enabled (AWS passes through {@code CREATE_IN_PROGRESS} for
 * minutes; Haneul's in-memory cache is there at once) and {@code NOT_AVAILABLE} otherwise; method
 * settings' cache TTL within 0 to 3600 seconds.
 */
public final class CacheClusters {

    public static final List<String> SIZES = List.of("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237");
    static final int MAX_TTL = 3600;

    private CacheClusters() {
    }

    /** Checks the size and TTLs and sets the status (and the default size) after a create or update. */
    public static void settle(ObjectNode stage) {
        JsonNode size = stage.get("cacheClusterSize");
        if (size != null && !size.isNull() && !SIZES.contains(size.asText())) {
            throw ApiGatewayException.badRequest("Invalid cache cluster size specified: " + size.asText()
                    + ". Must be one of: " + String.join(", ", SIZES));
        }
        boolean enabled = stage.path("cacheClusterEnabled").asBoolean(false);
        if (enabled && (size == null || size.isNull())) {
            stage.put("cacheClusterSize", "0.5");
        }
        stage.put("cacheClusterStatus", enabled ? "AVAILABLE" : "NOT_AVAILABLE");
        stage.path("methodSettings").fields().forEachRemaining(e -> {
            JsonNode ttl = e.getValue().get("cacheTtlInSeconds");
            if (ttl != null && (ttl.asInt() < 0 || ttl.asInt() > MAX_TTL)) {
                throw ApiGatewayException.badRequest("Invalid cache TTL " + ttl.asInt() + " for " + e.getKey()
                        + ": it must be between 0 and " + MAX_TTL + " seconds");
            }
        });
    }
}
