package io.haneul.s3;

import io.haneul.s3.store.ObjectRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LifecycleRulesTest {

    static ObjectRecord object(String key, long size, Map<String, String> tags) {
        return new ObjectRecord(1, "b", key, "null", true, false, size, "\"e\"", List.of(), Instant.parse("2026-01-15T10:30:00Z").toEpochMilli(),
                Map.of(), Map.of(), tags, null, null, null, 0, "STANDARD", "111111111111");
    }

    @Test
    void daysRoundUpToTheNextMidnightUtc() {
        long created = Instant.parse("2026-01-15T10:30:00Z").toEpochMilli();
        assertEquals(Instant.parse("2026-01-19T00:00:00Z"), LifecycleRules.afterDays(created, 3));
        assertEquals(Instant.parse("2026-01-16T00:00:00Z"), LifecycleRules.afterDays(Instant.parse("2026-01-15T00:00:00Z").toEpochMilli(), 0));
    }

    @Test
    void filtersSelectByPrefixTagsAndSize() {
        LifecycleRule byAnd = LifecycleRule.builder().status(ExpirationStatus.ENABLED).filter(f -> f.and(a -> a.prefix("logs/")
                .tags(Tag.builder().key("t").value("1").build()).objectSizeGreaterThan(10L).objectSizeLessThan(100L))).build();
        assertTrue(LifecycleRules.applies(byAnd, object("logs/x", 50, Map.of("t", "1", "other", "2"))));
        assertFalse(LifecycleRules.applies(byAnd, object("data/x", 50, Map.of("t", "1"))));
        assertFalse(LifecycleRules.applies(byAnd, object("logs/x", 50, Map.of("t", "2"))));
        assertFalse(LifecycleRules.applies(byAnd, object("logs/x", 100, Map.of("t", "1"))), "size bounds are exclusive");
        LifecycleRule legacy = LifecycleRule.builder().status(ExpirationStatus.ENABLED).prefix("tmp/").build();
        assertTrue(LifecycleRules.applies(legacy, object("tmp/a", 1, Map.of())));
        assertFalse(LifecycleRules.applies(legacy.toBuilder().status(ExpirationStatus.DISABLED).build(), object("tmp/a", 1, Map.of())));
    }
}
