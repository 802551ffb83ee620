package io.haneul.apigateway.domain;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's throttling: a token bucket per limit holder (a key under a usage plan, a method of a
 * stage), holding at most {@code burstLimit} requests and refilled at {@code rateLimit} per second.
 * Buckets live in this node's memory, on the injected clock: several nodes sharing a PostgreSQL
 * database each allow the full rate (quotas, in contrast, are counted in the database).
 */
public final class TokenBuckets {

    /** Past this many buckets the oldest state is dropped; a dropped bucket starts full again. */
    private static final int MAX_BUCKETS = 100_000;

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(Clock clock) {
        this.clock = clock;
    }

    /** A throttle as AWS configures it; a null burst means "not set" (the bucket holds one second of rate, at least 1). */
    public record Limit(double rateLimit, Integer burstLimit) {

        double capacity() {
            return burstLimit != null ? burstLimit : Math.max(1, Math.ceil(rateLimit));
        }
    }

    /** Takes one request from the bucket named {@code holder}; false when it is empty (throttled). */
    public boolean take(String holder, Limit limit) {
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear();
        }
        // the limit is part of the name, so a changed throttle starts a fresh bucket
        Bucket b = buckets.computeIfAbsent(holder + "|" + limit.rateLimit() + "|" + limit.burstLimit(),
                k -> new Bucket(limit.capacity(), clock.millis()));
        return b.take(limit, clock.millis());
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized boolean take(Limit limit, long now) {
            if (now > at) {
                tokens = Math.min(limit.capacity(), tokens + (now - at) / 1000.0 * limit.rateLimit());
                at = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
