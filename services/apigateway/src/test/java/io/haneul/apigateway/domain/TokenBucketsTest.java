package io.haneul.apigateway.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketsTest {

    @Test
    void aBucketHoldsTheBurstAndRefillsAtTheRate() {
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        TokenBuckets atStart = new TokenBuckets(Clock.fixed(start, ZoneOffset.UTC));
        TokenBuckets.Limit limit = new TokenBuckets.Limit(2, 3);
        assertTrue(atStart.take("k", limit));
        assertTrue(atStart.take("k", limit));
        assertTrue(atStart.take("k", limit));
        assertFalse(atStart.take("k", limit));
        assertTrue(atStart.take("other", limit), "each holder has its own bucket");
    }

    @Test
    void refillIsCappedAtTheBurst() {
        Instant[] now = {Instant.parse("2026-12-07T00:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        TokenBuckets buckets = new TokenBuckets(clock);
        TokenBuckets.Limit limit = new TokenBuckets.Limit(2, 2);
        assertTrue(buckets.take("k", limit));
        assertTrue(buckets.take("k", limit));
        assertFalse(buckets.take("k", limit));
        now[0] = now[0].plus(Duration.ofMillis(500));
        assertTrue(buckets.take("k", limit), "half a second at 2/s is one request");
        assertFalse(buckets.take("k", limit));
        now[0] = now[0].plus(Duration.ofHours(1));
        assertTrue(buckets.take("k", limit));
        assertTrue(buckets.take("k", limit));
        assertFalse(buckets.take("k", limit), "never more than the burst");
    }
}
