package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Route throttling from a stage's settings (the route's {@code routeSettings} entry, else
 * {@code defaultRouteSettings}): a token bucket per API, stage and route holding
 * {@code ThrottlingBurstLimit} requests and refilled at {@code ThrottlingRateLimit} per second. A
 * request finding it empty is {@code 429 Too Many Requests}.
 */
final class Throttle {

    private static final int LIMIT = 4096;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    Throttle(Clock clock) {
        this.clock = clock;
    }

    /** @return whether the request may go on */
    boolean admit(String apiId, JsonNode stage, String routeKey) {
        JsonNode settings = stage.path("routeSettings").path(routeKey);
        JsonNode defaults = stage.path("defaultRouteSettings");
        JsonNode burstNode = settings.has("throttlingBurstLimit") ? settings.get("throttlingBurstLimit") : defaults.get("throttlingBurstLimit");
        JsonNode rateNode = settings.has("throttlingRateLimit") ? settings.get("throttlingRateLimit") : defaults.get("throttlingRateLimit");
        if (burstNode == null && rateNode == null) {
            return true;
        }
        double burst = burstNode == null ? Double.MAX_VALUE : burstNode.asDouble();
        double rate = rateNode == null ? Double.MAX_VALUE : rateNode.asDouble();
        long now = clock.millis();
        if (buckets.size() >= LIMIT) {
            buckets.clear();
        }
        Bucket b = buckets.computeIfAbsent(apiId + "/" + stage.path("stageName").asText() + "/" + routeKey, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1000.0 * rate);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
