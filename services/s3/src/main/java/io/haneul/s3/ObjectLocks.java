package io.haneul.s3;

import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.ObjectLock;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.S3Store;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHold;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Object Lock on versions: the state a new version starts with (what its request asks for, else the
 * bucket's default retention), retention and legal-hold changes with S3's rules, and the check that
 * keeps a protected version from being deleted. Only buckets with Object Lock enabled (which keeps
 * versioning on) have any of it.
 */
final class ObjectLocks {

    private static final String PROTECTED = "Access Denied because object protected by object lock.";

    private final S3Store store;
    private final BucketConfigurations configs;
    private final Clock clock;

    ObjectLocks(S3Store store, BucketConfigurations configs, Clock clock) {
        this.store = store;
        this.configs = configs;
        this.clock = clock;
    }

    private ObjectLockConfiguration config(BucketRecord b) {
        if (!b.versioningEnabled()) {
            return null;
        }
        return configs.getStored(b.name(), Kind.OBJECT_LOCK, ObjectLockConfiguration.class)
                .filter(c -> "Enabled".equals(c.objectLockEnabledAsString())).orElse(null);
    }

    /**
     * The stored lock state of a new version (null: none): the requested retention and legal hold, or
     * the bucket's default retention when none is requested.
     */
    String stateFor(BucketRecord b, String mode, Instant until, String legalHold) {
        boolean asked = mode != null || until != null || legalHold != null;
        ObjectLockConfiguration config = config(b);
        if (config == null) {
            if (asked) {
                throw new S3Exception(S3Error.InvalidRequest, "Bucket is missing Object Lock Configuration");
            }
            return null;
        }
        Instant now = clock.instant();
        checkRetention(mode, until, now);
        if (legalHold != null && !legalHold.equals("ON") && !legalHold.equals("OFF")) {
            throw S3Exception.invalidArgument("Legal Hold must be either of 'ON' or 'OFF'", "x-amz-object-lock-legal-hold", legalHold);
        }
        if (mode == null) {
            DefaultRetention d = config.rule() == null ? null : config.rule().defaultRetention();
            if (d != null && d.modeAsString() != null) {
                mode = d.modeAsString();
                until = d.days() != null ? now.plus(java.time.Duration.ofDays(d.days()))
                        : now.atZone(ZoneOffset.UTC).plusYears(d.years() == null ? 0 : d.years()).toInstant();
            }
        }
        return new ObjectLock(mode, until == null ? null : until.toEpochMilli(), legalHold).format();
    }

    private static void checkRetention(String mode, Instant until, Instant now) {
        if (mode != null && !mode.equals("GOVERNANCE") && !mode.equals("COMPLIANCE")) {
            throw S3Exception.invalidArgument("Unknown wormMode directive.", "x-amz-object-lock-mode", mode);
        }
        if ((mode == null) != (until == null)) {
            throw S3Exception.invalidArgument("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied",
                    "x-amz-object-lock-mode", mode);
        }
        if (until != null && !until.isAfter(now)) {
            throw S3Exception.invalidArgument("The retain until date must be in the future!", "RetainUntilDate", until.toString());
        }
    }

    /** Refuses to delete a version under legal hold or retention (GOVERNANCE yields to the bypass). */
    void checkDeletable(ObjectRecord version, boolean bypassGovernance) {
        if (!version.deleteMarker() && version.lock().protects(clock.instant(), bypassGovernance)) {
            throw new S3Exception(S3Error.AccessDenied, PROTECTED);
        }
    }

    boolean deletable(ObjectRecord version) {
        return version.deleteMarker() || !version.lock().protects(clock.instant(), false);
    }

    void putRetention(BucketRecord b, ObjectRecord o, ObjectLockRetention retention, boolean bypassGovernance) {
        requireEnabled(b);
        String mode = retention == null ? null : retention.modeAsString();
        Instant until = retention == null ? null : retention.retainUntilDate();
        checkRetention(mode, until, clock.instant());
        Long untilMillis = until == null ? null : until.toEpochMilli();
        store.updateObjectLock(b.name(), o.key(), o.versionId(), stored -> {
            ObjectLock current = ObjectLock.parse(stored);
            if (!current.allowsRetentionChange(mode, untilMillis, clock.instant(), bypassGovernance)) {
                throw new S3Exception(S3Error.AccessDenied, PROTECTED);
            }
            return current.withRetention(mode, untilMillis).format();
        });
    }

    ObjectLockRetention retention(BucketRecord b, ObjectRecord o) {
        requireEnabled(b);
        ObjectLock lock = o.lock();
        if (!lock.hasRetention()) {
            throw new S3Exception(S3Error.NoSuchObjectLockConfiguration);
        }
        return ObjectLockRetention.builder().mode(lock.mode()).retainUntilDate(Instant.ofEpochMilli(lock.retainUntil())).build();
    }

    void putLegalHold(BucketRecord b, ObjectRecord o, ObjectLockLegalHold hold) {
        requireEnabled(b);
        if (hold == null || !("ON".equals(hold.statusAsString()) || "OFF".equals(hold.statusAsString()))) {
            throw S3Exception.malformedXml();
        }
        store.updateObjectLock(b.name(), o.key(), o.versionId(), stored -> ObjectLock.parse(stored).withLegalHold(hold.statusAsString()).format());
    }

    ObjectLockLegalHold legalHold(BucketRecord b, ObjectRecord o) {
        requireEnabled(b);
        String hold = o.lock().legalHold();
        if (hold == null) {
            throw new S3Exception(S3Error.NoSuchObjectLockConfiguration);
        }
        return ObjectLockLegalHold.builder().status(hold).build();
    }

    private void requireEnabled(BucketRecord b) {
        if (config(b) == null) {
            throw new S3Exception(S3Error.InvalidRequest, "Bucket is missing Object Lock Configuration");
        }
    }
}
