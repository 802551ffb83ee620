package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Object Lock on versions through the SDK v2: default retention on new versions, explicit retention
 * and legal holds, deletes of protected versions refused (GOVERNANCE yields to the bypass), retention
 * changes by S3's rules, and protection ending when the clock passes the date.
 */
class S3ObjectLockIT {

    static final S3Clients.MovableClock CLOCK = new S3Clients.MovableClock();
    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK, "--s3-lifecycle-interval", "0");
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        server.close();
    }

    static String lockedBucket(String name) {
        String b = S3Clients.bucket(name);
        s3.createBucket(r -> r.bucket(b).objectLockEnabledForBucket(true));
        return b;
    }

    static String put(String b, String key) {
        return s3.putObject(r -> r.bucket(b).key(key), RequestBody.fromString("data")).versionId();
    }

    @Test
    void defaultRetentionProtectsNewVersionsUntilItsDate() {
        String b = lockedBucket("lock-default");
        s3.putObjectLockConfiguration(r -> r.bucket(b).objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(x -> x.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
        String v1 = put(b, "k");
        HeadObjectResponse head = s3.headObject(r -> r.bucket(b).key("k"));
        assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode());
        assertTrue(head.objectLockRetainUntilDate().isAfter(CLOCK.instant().plus(Duration.ofHours(23))), head::toString);
        assertEquals(ObjectLockRetentionMode.GOVERNANCE, s3.getObjectRetention(r -> r.bucket(b).key("k")).retention().mode());

        s3.deleteObject(r -> r.bucket(b).key("k"));
        assertEquals(1, s3.listObjectVersions(r -> r.bucket(b)).deleteMarkers().size(), "a delete marker is always allowed");
        expectError("AccessDenied", 403, () -> s3.deleteObject(r -> r.bucket(b).key("k").versionId(v1)));
        DeleteObjectsResponse batch = s3.deleteObjects(r -> r.bucket(b).delete(d -> d.objects(o -> o.key("k").versionId(v1))));
        assertEquals("AccessDenied", batch.errors().getFirst().code());

        String v2 = put(b, "k2");
        s3.deleteObject(r -> r.bucket(b).key("k2").versionId(v2).bypassGovernanceRetention(true));
        expectError("NoSuchKey", 404, () -> s3.headObject(r -> r.bucket(b).key("k2")));

        CLOCK.advance(Duration.ofDays(2));
        s3.deleteObject(r -> r.bucket(b).key("k").versionId(v1));
        assertTrue(s3.listObjectVersions(r -> r.bucket(b).prefix("k")).versions().stream().noneMatch(v -> v.versionId().equals(v1)),
                "protection ends with the retention date");
    }

    @Test
    void complianceCanOnlyBeExtended() {
        String b = lockedBucket("lock-compliance");
        Instant until = CLOCK.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String v = s3.putObject(r -> r.bucket(b).key("c").objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until),
                RequestBody.fromString("x")).versionId();
        assertEquals(until, s3.getObjectRetention(r -> r.bucket(b).key("c")).retention().retainUntilDate());
        expectError("AccessDenied", 403, () -> s3.deleteObject(r -> r.bucket(b).key("c").versionId(v).bypassGovernanceRetention(true)));
        expectError("AccessDenied", 403, () -> s3.putObjectRetention(r -> r.bucket(b).key("c").bypassGovernanceRetention(true)
                .retention(x -> x.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minus(Duration.ofMinutes(30))))));
        expectError("AccessDenied", 403, () -> s3.putObjectRetention(r -> r.bucket(b).key("c")
                .retention(x -> x.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until.plus(Duration.ofHours(1))))));
        s3.putObjectRetention(r -> r.bucket(b).key("c").retention(x -> x.mode(ObjectLockRetentionMode.COMPLIANCE)
                .retainUntilDate(until.plus(Duration.ofDays(1)))));
        assertEquals(until.plus(Duration.ofDays(1)), s3.getObjectRetention(r -> r.bucket(b).key("c")).retention().retainUntilDate());
        expectError("InvalidArgument", 400, () -> s3.putObject(r -> r.bucket(b).key("lower").objectLockMode("compliance")
                .objectLockRetainUntilDate(until), RequestBody.fromString("x")));
        expectError("InvalidArgument", 400, () -> s3.putObject(r -> r.bucket(b).key("past").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(CLOCK.instant().minusSeconds(60)), RequestBody.fromString("x")));
    }

    @Test
    void legalHoldsProtectUntilLifted() {
        String b = lockedBucket("lock-hold");
        String v = put(b, "h");
        expectError("NoSuchObjectLockConfiguration", 404, () -> s3.getObjectRetention(r -> r.bucket(b).key("h")));
        expectError("NoSuchObjectLockConfiguration", 404, () -> s3.getObjectLegalHold(r -> r.bucket(b).key("h")));
        s3.putObjectLegalHold(r -> r.bucket(b).key("h").legalHold(l -> l.status(ObjectLockLegalHoldStatus.ON)));
        assertEquals(ObjectLockLegalHoldStatus.ON, s3.getObjectLegalHold(r -> r.bucket(b).key("h")).legalHold().status());
        assertEquals(ObjectLockLegalHoldStatus.ON, s3.headObject(r -> r.bucket(b).key("h")).objectLockLegalHoldStatus());
        expectError("AccessDenied", 403, () -> s3.deleteObject(r -> r.bucket(b).key("h").versionId(v).bypassGovernanceRetention(true)));
        s3.putObjectLegalHold(r -> r.bucket(b).key("h").legalHold(l -> l.status(ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(r -> r.bucket(b).key("h").versionId(v));
    }

    @Test
    void bucketsWithoutObjectLockRefuseIt() {
        String b = S3Clients.bucket("lock-none");
        s3.createBucket(r -> r.bucket(b));
        put(b, "n");
        expectError("InvalidRequest", 400, () -> s3.putObjectRetention(r -> r.bucket(b).key("n")
                .retention(x -> x.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(CLOCK.instant().plusSeconds(3600)))));
        expectError("InvalidRequest", 400, () -> s3.putObject(r -> r.bucket(b).key("m").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("x")));
        assertNull(s3.headObject(r -> r.bucket(b).key("n")).objectLockMode());
    }
}
