package io.haneul.s3;

import io.haneul.s3.store.ObjectRecord;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What a bucket's lifecycle rules say about one version: whether a rule applies to it (status,
 * prefix, tags, size bounds) and when day counts fall due. S3 adds the days to the start time and
 * rounds up to the next midnight UTC.
 */
final class LifecycleRules {

    private LifecycleRules() {
    }

    static boolean applies(LifecycleRule rule, ObjectRecord o) {
        if (!"Enabled".equals(rule.statusAsString())) {
            return false;
        }
        String prefix = rule.prefix();
        List<Tag> tags = List.of();
        Long greater = null;
        Long less = null;
        LifecycleRuleFilter f = rule.filter();
        if (f != null) {
            LifecycleRuleAndOperator and = f.and();
            if (and != null) {
                prefix = and.prefix();
                tags = and.hasTags() ? and.tags() : List.of();
                greater = and.objectSizeGreaterThan();
                less = and.objectSizeLessThan();
            } else {
                prefix = f.prefix();
                tags = f.tag() == null ? List.of() : List.of(f.tag());
                greater = f.objectSizeGreaterThan();
                less = f.objectSizeLessThan();
            }
        }
        Map<String, String> objectTags = o.tags() == null ? Map.of() : o.tags();
        return (prefix == null || o.key().startsWith(prefix))
                && tags.stream().allMatch(t -> t.value().equals(objectTags.get(t.key())))
                && (greater == null || o.size() > greater) && (less == null || o.size() < less);
    }

    /** {@code start} plus {@code days}, rounded up to the next midnight UTC. */
    static Instant afterDays(long startMillis, int days) {
        return Instant.ofEpochMilli(startMillis).atZone(ZoneOffset.UTC).toLocalDate().plusDays(days + 1L)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the rule's Expiration falls due for a current version, or null when it has none. */
    static Instant currentExpiry(LifecycleRule rule, ObjectRecord o) {
        LifecycleExpiration e = rule.expiration();
        if (e == null) {
            return null;
        }
        if (e.days() != null) {
            return afterDays(o.lastModified(), e.days());
        }
        return e.date();
    }

    /** Whether the rule removes a delete marker that no version stands behind any more. */
    static boolean removesExpiredMarkers(LifecycleRule rule) {
        return rule.expiration() != null && Boolean.TRUE.equals(rule.expiration().expiredObjectDeleteMarker());
    }
}
