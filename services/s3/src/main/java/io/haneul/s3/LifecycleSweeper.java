package io.haneul.s3;

import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.Listing;
import io.haneul.s3.store.BlobStore;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.S3Store;
import io.haneul.s3.store.UploadRecord;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionExpiration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out lifecycle rules: current versions whose Expiration fell due are removed (or hidden
 * behind a delete marker in versioned buckets), noncurrent versions past NoncurrentDays (beyond
 * NewerNoncurrentVersions) are deleted, delete markers left alone are removed where the rule says so,
 * and multipart uploads older than DaysAfterInitiation are aborted. Runs every
 * {@code --s3-lifecycle-interval} seconds on each node (AWS runs once a day) and on demand
 * ({@code POST /_haneul/s3/lifecycle}). Every removal is conditional on the row it decided on, so
 * nodes sweeping at once, or a write racing a sweep, never remove more than the rules say.
 * Transitions are not applied: objects keep their storage class.
 */
final class LifecycleSweeper {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LifecycleSweeper.class);
    private static final int PAGE = 1000;

    /** What one sweep did. */
    record Result(int expired, int noncurrentExpired, int deleteMarkersRemoved, int uploadsAborted) {
    }

    private final S3Store store;
    private final BlobStore blobs;
    private final BucketService buckets;
    private final BucketConfigurations configs;
    private final ObjectService objects;
    private final Clock clock;
    private int expired;
    private int noncurrent;
    private int markers;
    private int aborted;
    private Thread timer;

    LifecycleSweeper(S3Store store, BlobStore blobs, BucketService buckets, BucketConfigurations configs, ObjectService objects, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.buckets = buckets;
        this.configs = configs;
        this.objects = objects;
        this.clock = clock;
    }

    /** Sweeps every {@code interval} on a virtual thread until {@link #stop}; a zero interval starts nothing. */
    void runEvery(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Thread.ofVirtual().name("s3-lifecycle").start(() -> {
            while (true) {
                try {
                    Thread.sleep(interval);
                    Result r = sweep();
                    LOG.debug("lifecycle sweep: {}", r);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("lifecycle sweep failed: {}", e.toString());
                }
            }
        });
    }

    /** Stops the timer (the server is closing); a sweep in progress ends at its next wait. */
    void stop() {
        if (timer != null) {
            timer.interrupt();
        }
    }

    synchronized Result sweep() {
        expired = 0;
        noncurrent = 0;
        markers = 0;
        aborted = 0;
        Instant now = clock.instant();
        for (String name : store.bucketsWithConfig(Kind.LIFECYCLE.name())) {
            BucketRecord b = buckets.find(name).orElse(null);
            List<LifecycleRule> rules = configs.getStored(name, Kind.LIFECYCLE, BucketLifecycleConfiguration.class)
                    .map(BucketLifecycleConfiguration::rules).orElse(List.of()).stream()
                    .filter(r -> "Enabled".equals(r.statusAsString())).toList();
            if (b == null || rules.isEmpty()) {
                continue;
            }
            sweepVersions(b, rules, now);
            if (rules.stream().anyMatch(r -> r.abortIncompleteMultipartUpload() != null)) {
                sweepUploads(b, rules, now);
            }
        }
        return new Result(expired, noncurrent, markers, aborted);
    }

    /** One pass over every version in key order (newest first within a key), a key's versions at a time. */
    private void sweepVersions(BucketRecord b, List<LifecycleRule> rules, Instant now) {
        Listing.Cursor cursor = Listing.Cursor.start();
        List<ObjectRecord> key = new ArrayList<>();
        while (true) {
            List<ObjectRecord> page = store.listVersions(b.name(), cursor, "", PAGE);
            for (ObjectRecord row : page) {
                if (!key.isEmpty() && !key.getFirst().key().equals(row.key())) {
                    sweepKey(b, rules, key, now);
                    key.clear();
                }
                key.add(row);
            }
            if (page.size() < PAGE) {
                break;
            }
            ObjectRecord last = page.getLast();
            cursor = new Listing.Cursor(last.key(), false, last.id());
        }
        if (!key.isEmpty()) {
            sweepKey(b, rules, key, now);
        }
    }

    private void sweepKey(BucketRecord b, List<LifecycleRule> rules, List<ObjectRecord> versions, Instant now) {
        ObjectRecord current = versions.getFirst().latest() ? versions.getFirst() : null;
        if (current != null && !current.deleteMarker() && due(rules, current, now) && objects.expireCurrent(b, current)) {
            expired++;
        }
        if (current != null && current.deleteMarker() && versions.size() == 1
                && rules.stream().anyMatch(r -> LifecycleRules.removesExpiredMarkers(r) && LifecycleRules.applies(r, current))
                && objects.expireVersion(b, current)) {
            markers++;
        }
        for (int i = 1; i < versions.size(); i++) {
            ObjectRecord v = versions.get(i);
            long noncurrentSince = versions.get(i - 1).lastModified();
            int newer = i - 1;
            boolean dueNow = rules.stream().anyMatch(r -> {
                NoncurrentVersionExpiration n = r.noncurrentVersionExpiration();
                return n != null && n.noncurrentDays() != null && LifecycleRules.applies(r, v)
                        && newer >= (n.newerNoncurrentVersions() == null ? 0 : n.newerNoncurrentVersions())
                        && !now.isBefore(LifecycleRules.afterDays(noncurrentSince, n.noncurrentDays()));
            });
            if (dueNow && objects.expireVersion(b, v)) {
                noncurrent++;
            }
        }
    }

    private static boolean due(List<LifecycleRule> rules, ObjectRecord o, Instant now) {
        return rules.stream().anyMatch(r -> {
            Instant at = LifecycleRules.currentExpiry(r, o);
            return at != null && LifecycleRules.applies(r, o) && !now.isBefore(at);
        });
    }

    private void sweepUploads(BucketRecord b, List<LifecycleRule> rules, Instant now) {
        Listing.Cursor cursor = Listing.Cursor.start();
        while (true) {
            List<UploadRecord> page = store.listUploads(b.name(), cursor, "", PAGE);
            for (UploadRecord u : page) {
                boolean dueNow = rules.stream().anyMatch(r -> r.abortIncompleteMultipartUpload() != null
                        && r.abortIncompleteMultipartUpload().daysAfterInitiation() != null && prefixMatches(r, u.key())
                        && !now.isBefore(LifecycleRules.afterDays(u.initiated(), r.abortIncompleteMultipartUpload().daysAfterInitiation())));
                if (dueNow) {
                    store.abort(u.uploadId()).ifPresent(dropped -> {
                        blobs.delete(dropped);
                        aborted++;
                    });
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            UploadRecord last = page.getLast();
            cursor = new Listing.Cursor(last.key(), false, last.id());
        }
    }

    /** Abort rules filter by prefix only (S3 refuses tags with them). */
    private static boolean prefixMatches(LifecycleRule r, String key) {
        String prefix = r.filter() == null ? r.prefix() : r.filter().and() != null ? r.filter().and().prefix() : r.filter().prefix();
        return prefix == null || key.startsWith(prefix);
    }
}
