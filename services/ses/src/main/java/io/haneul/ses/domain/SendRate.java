package io.haneul.ses.domain;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MaxSendRate per account and region: a token bucket of {@code rate} recipients per second
 * holding at most one second's worth. A send over the rate fails with Throttling, "Maximum sending
 * rate exceeded.". Per node: with several nodes each enforces the rate on its own.
 */
public final class SendRate {

    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SendRate(Clock clock) {
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    /** Takes {@code recipients} tokens or throws Throttling. A rate of 0 or less means unlimited. */
    public void acquire(String key, double rate, int recipients) {
        if (rate <= 0) {
            return;
        }
        Bucket b = buckets.computeIfAbsent(key, k -> {
            Bucket n = new Bucket();
            n.tokens = Math.max(rate, 1);
            n.lastNanos = clock.millis() * 1_000_000L;
            return n;
        });
        synchronized (b) {
            long now = clock.millis() * 1_000_000L;
            double capacity = Math.max(rate, 1);
            b.tokens = Math.min(capacity, b.tokens + (now - b.lastNanos) / 1e9 * rate);
            b.lastNanos = now;
            if (b.tokens + 1e-9 < Math.min(recipients, capacity)) {
                throw SesException.throttled();
            }
            b.tokens -= Math.min(recipients, capacity);
        }
    }
}
