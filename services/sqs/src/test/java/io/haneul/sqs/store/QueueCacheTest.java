package io.haneul.sqs.store;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueCacheTest {

    @Test
    void missesForNamesAtRandomDoNotGrowTheCacheWithoutBound() {
        try (QueueCache cache = new QueueCache(TimeUnit.HOURS.toNanos(1), null)) {
            for (int i = 0; i < QueueCache.MAX_ENTRIES * 3; i++) {
                cache.get("123456789012", "us-east-1", "no-such-queue-" + i, Optional::empty);
                assertTrue(cache.size() <= QueueCache.MAX_ENTRIES, "size " + cache.size() + " after " + i);
            }
        }
    }
}
