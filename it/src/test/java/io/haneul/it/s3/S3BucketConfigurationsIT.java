package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

import java.time.Instant;
import java.util.List;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bucket configuration documents through the SDK v2, as infrastructure tools (Terraform's
 * aws_s3_bucket reads every one of them) use them: AWS's defaults on a new bucket, round trips,
 * each kind's "not found" error, and the checks AWS makes before accepting a document.
 */
class S3BucketConfigurationsIT {

    static TestServer server;
    static S3Client s3;
    static S3Client other;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
        other = S3Clients.client(server, S3Clients.ACCOUNT_B);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        other.close();
        server.close();
    }

    static String newBucket() {
        String b = S3Clients.bucket("cfg");
        s3.createBucket(r -> r.bucket(b));
        return b;
    }

    @Test
    void aNewBucketReportsAwsDefaults() {
        String b = newBucket();
        ServerSideEncryptionByDefault sse = s3.getBucketEncryption(r -> r.bucket(b)).serverSideEncryptionConfiguration()
                .rules().getFirst().applyServerSideEncryptionByDefault();
        assertEquals(ServerSideEncryption.AES256, sse.sseAlgorithm());
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED,
                s3.getBucketOwnershipControls(r -> r.bucket(b)).ownershipControls().rules().getFirst().objectOwnership());
        PublicAccessBlockConfiguration bpa = s3.getPublicAccessBlock(r -> r.bucket(b)).publicAccessBlockConfiguration();
        assertTrue(bpa.blockPublicAcls() && bpa.ignorePublicAcls() && bpa.blockPublicPolicy() && bpa.restrictPublicBuckets());
        assertEquals(Payer.BUCKET_OWNER, s3.getBucketRequestPayment(r -> r.bucket(b)).payer());
        assertNull(s3.getBucketAccelerateConfiguration(r -> r.bucket(b)).status());
        assertNull(s3.getBucketLogging(r -> r.bucket(b)).loggingEnabled());
        expectError("NoSuchLifecycleConfiguration", 404, () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(b)));
        expectError("NoSuchWebsiteConfiguration", 404, () -> s3.getBucketWebsite(r -> r.bucket(b)));
        expectError("ReplicationConfigurationNotFoundError", 404, () -> s3.getBucketReplication(r -> r.bucket(b)));
        expectError("ObjectLockConfigurationNotFoundError", 404, () -> s3.getObjectLockConfiguration(r -> r.bucket(b)));
        expectError("NoSuchBucketPolicy", 404, () -> s3.getBucketPolicyStatus(r -> r.bucket(b)));
        expectError("NoSuchBucket", 404, () -> s3.getBucketEncryption(r -> r.bucket("cfg-missing-bucket")));
        expectError("AccessDenied", 403, () -> other.getBucketLifecycleConfiguration(r -> r.bucket(b)));

        String preferred = S3Clients.bucket("cfg-own");
        s3.createBucket(r -> r.bucket(preferred).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        assertEquals(ObjectOwnership.OBJECT_WRITER,
                s3.getBucketOwnershipControls(r -> r.bucket(preferred)).ownershipControls().rules().getFirst().objectOwnership());
    }

    @Test
    void lifecycleRoundTripsAndIsChecked() {
        String b = newBucket();
        LifecycleRule logs = LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED)
                .filter(f -> f.and(a -> a.prefix("logs/").tags(Tag.builder().key("tier").value("cold").build())))
                .transitions(t -> t.days(30).storageClass(TransitionStorageClass.GLACIER)).expiration(e -> e.days(365)).build();
        LifecycleRule uploads = LifecycleRule.builder().id("uploads").status(ExpirationStatus.DISABLED).filter(f -> f.prefix(""))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7))
                .noncurrentVersionExpiration(n -> n.noncurrentDays(10)).build();
        s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(logs, uploads)));
        GetBucketLifecycleConfigurationResponse got = s3.getBucketLifecycleConfiguration(r -> r.bucket(b));
        assertEquals(List.of(logs, uploads), got.rules());
        assertEquals(TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K, got.transitionDefaultMinimumObjectSize());

        expectError("InvalidArgument", 400, () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(
                logs, logs.toBuilder().expiration(e -> e.days(1)).build()))));
        expectError("InvalidArgument", 400, () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(
                logs.toBuilder().transitions((Transition) null).expiration(e -> e.days(0)).build()))));
        expectError("InvalidArgument", 400, () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(
                logs.toBuilder().transitions((Transition) null).expiration(e -> e.date(Instant.parse("2030-01-01T12:00:00Z"))).build()))));
        expectError("InvalidRequest", 400, () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("nothing").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("x")).build()))));
        expectError("InvalidArgument", 400, () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("now").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(0)).build()))));
        expectError("InvalidArgument", 400, () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("now").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(-1)).build()))));
        assertEquals(List.of(logs, uploads), s3.getBucketLifecycleConfiguration(r -> r.bucket(b)).rules(), "a refused document changes nothing");

        s3.deleteBucketLifecycle(r -> r.bucket(b));
        expectError("NoSuchLifecycleConfiguration", 404, () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(b)));
    }

    @Test
    void encryptionWebsiteLoggingAccelerationAndPayment() {
        String b = newBucket();
        ServerSideEncryptionConfiguration kms = ServerSideEncryptionConfiguration.builder().rules(ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("alias/app"))
                .bucketKeyEnabled(true).build()).build();
        s3.putBucketEncryption(r -> r.bucket(b).serverSideEncryptionConfiguration(kms));
        assertEquals(kms, s3.getBucketEncryption(r -> r.bucket(b)).serverSideEncryptionConfiguration());
        expectError("InvalidArgument", 400, () -> s3.putBucketEncryption(r -> r.bucket(b).serverSideEncryptionConfiguration(c -> c.rules(
                ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)
                        .kmsMasterKeyID("alias/app")).build()))));
        s3.deleteBucketEncryption(r -> r.bucket(b));
        assertEquals(ServerSideEncryption.AES256, s3.getBucketEncryption(r -> r.bucket(b)).serverSideEncryptionConfiguration()
                .rules().getFirst().applyServerSideEncryptionByDefault().sseAlgorithm(), "back to the default");

        s3.putBucketWebsite(r -> r.bucket(b).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                .errorDocument(e -> e.key("error.html")).routingRules(RoutingRule.builder()
                        .condition(c -> c.keyPrefixEquals("docs/")).redirect(d -> d.replaceKeyPrefixWith("documents/")).build())));
        GetBucketWebsiteResponse site = s3.getBucketWebsite(r -> r.bucket(b));
        assertEquals("index.html", site.indexDocument().suffix());
        assertEquals("error.html", site.errorDocument().key());
        assertEquals("documents/", site.routingRules().getFirst().redirect().replaceKeyPrefixWith());
        expectError("InvalidArgument", 400, () -> s3.putBucketWebsite(r -> r.bucket(b).websiteConfiguration(w -> w.errorDocument(e -> e.key("e")))));
        expectError("InvalidArgument", 400, () -> s3.putBucketWebsite(r -> r.bucket(b).websiteConfiguration(w -> w
                .redirectAllRequestsTo(t -> t.hostName("example.com")).indexDocument(i -> i.suffix("index.html")))));
        expectError("InvalidArgument", 400, () -> s3.putBucketWebsite(r -> r.bucket(b).websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix("index.html")).routingRules(RoutingRule.builder()
                        .redirect(x -> x.httpRedirectCode("200").replaceKeyWith("x")).build()))));
        s3.deleteBucketWebsite(r -> r.bucket(b));
        expectError("NoSuchWebsiteConfiguration", 404, () -> s3.getBucketWebsite(r -> r.bucket(b)));

        String logs = newBucket();
        s3.putBucketLogging(r -> r.bucket(b).bucketLoggingStatus(s -> s.loggingEnabled(l -> l.targetBucket(logs).targetPrefix("access/"))));
        assertEquals("access/", s3.getBucketLogging(r -> r.bucket(b)).loggingEnabled().targetPrefix());
        expectError("InvalidTargetBucketForLogging", 400, () -> s3.putBucketLogging(r -> r.bucket(b)
                .bucketLoggingStatus(s -> s.loggingEnabled(l -> l.targetBucket("cfg-no-such-target").targetPrefix("x")))));
        s3.putBucketLogging(r -> r.bucket(b).bucketLoggingStatus(s -> { }));
        assertNull(s3.getBucketLogging(r -> r.bucket(b)).loggingEnabled(), "an empty status turns logging off");

        s3.putBucketAccelerateConfiguration(r -> r.bucket(b).accelerateConfiguration(a -> a.status(BucketAccelerateStatus.ENABLED)));
        assertEquals(BucketAccelerateStatus.ENABLED, s3.getBucketAccelerateConfiguration(r -> r.bucket(b)).status());
        s3.putBucketRequestPayment(r -> r.bucket(b).requestPaymentConfiguration(p -> p.payer(Payer.REQUESTER)));
        assertEquals(Payer.REQUESTER, s3.getBucketRequestPayment(r -> r.bucket(b)).payer());
    }

    @Test
    void ownershipPublicAccessBlockAndPolicyStatus() {
        String b = newBucket();
        s3.putBucketOwnershipControls(r -> r.bucket(b).ownershipControls(o -> o.rules(x -> x.objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED))));
        assertEquals(ObjectOwnership.BUCKET_OWNER_PREFERRED,
                s3.getBucketOwnershipControls(r -> r.bucket(b)).ownershipControls().rules().getFirst().objectOwnership());
        s3.deleteBucketOwnershipControls(r -> r.bucket(b));
        expectError("OwnershipControlsNotFoundError", 404, () -> s3.getBucketOwnershipControls(r -> r.bucket(b)));

        s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(p -> p.blockPublicAcls(true).blockPublicPolicy(false)
                .ignorePublicAcls(false).restrictPublicBuckets(false)));
        PublicAccessBlockConfiguration bpa = s3.getPublicAccessBlock(r -> r.bucket(b)).publicAccessBlockConfiguration();
        assertTrue(bpa.blockPublicAcls());
        assertFalse(bpa.blockPublicPolicy());
        s3.deletePublicAccessBlock(r -> r.bucket(b));
        expectError("NoSuchPublicAccessBlockConfiguration", 404, () -> s3.getPublicAccessBlock(r -> r.bucket(b)));

        s3.putBucketPolicy(r -> r.bucket(b).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + b + "/*\"}]}"));
        assertFalse(s3.getBucketPolicyStatus(r -> r.bucket(b)).policyStatus().isPublic());
        s3.putBucketPolicy(r -> r.bucket(b).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + b + "/*\"}]}"));
        assertTrue(s3.getBucketPolicyStatus(r -> r.bucket(b)).policyStatus().isPublic());
    }

    @Test
    void replicationAndObjectLockNeedVersioning() {
        String b = newBucket();
        String target = newBucket();
        ReplicationConfiguration replication = ReplicationConfiguration.builder().role("arn:aws:iam::111111111111:role/replication")
                .rules(ReplicationRule.builder().id("all").priority(1).status(ReplicationRuleStatus.ENABLED).filter(f -> f.prefix(""))
                        .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                        .destination(d -> d.bucket("arn:aws:s3:::" + target)).build()).build();
        expectError("InvalidRequest", 400, () -> s3.putBucketReplication(r -> r.bucket(b).replicationConfiguration(replication)));
        expectError("InvalidBucketState", 409, () -> s3.putObjectLockConfiguration(r -> r.bucket(b)
                .objectLockConfiguration(o -> o.objectLockEnabled(ObjectLockEnabled.ENABLED))));
        s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.putBucketReplication(r -> r.bucket(b).replicationConfiguration(replication));
        assertEquals(replication, s3.getBucketReplication(r -> r.bucket(b)).replicationConfiguration());
        s3.deleteBucketReplication(r -> r.bucket(b));
        expectError("ReplicationConfigurationNotFoundError", 404, () -> s3.getBucketReplication(r -> r.bucket(b)));

        String locked = S3Clients.bucket("cfg-lock");
        s3.createBucket(r -> r.bucket(locked).objectLockEnabledForBucket(true));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(r -> r.bucket(locked)).status(), "Object Lock turns versioning on");
        assertEquals(ObjectLockEnabled.ENABLED, s3.getObjectLockConfiguration(r -> r.bucket(locked)).objectLockConfiguration().objectLockEnabled());
        ObjectLockConfiguration retention = ObjectLockConfiguration.builder().objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(x -> x.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(30))).build();
        s3.putObjectLockConfiguration(r -> r.bucket(locked).objectLockConfiguration(retention));
        assertEquals(retention, s3.getObjectLockConfiguration(r -> r.bucket(locked)).objectLockConfiguration());
        expectError("MalformedXML", 400, () -> s3.putObjectLockConfiguration(r -> r.bucket(locked).objectLockConfiguration(o -> o
                .objectLockEnabled(ObjectLockEnabled.ENABLED).rule(x -> x.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE)
                        .days(1).years(1))))));
        expectError("MalformedXML", 400, () -> s3.putObjectLockConfiguration(r -> r.bucket(locked).objectLockConfiguration(o -> o
                .rule(x -> x.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1))))));
        expectError("InvalidArgument", 400, () -> s3.putObjectLockConfiguration(r -> r.bucket(locked).objectLockConfiguration(o -> o
                .objectLockEnabled(ObjectLockEnabled.ENABLED).rule(x -> x.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE)
                        .years(101))))));
        assertEquals(retention, s3.getObjectLockConfiguration(r -> r.bucket(locked)).objectLockConfiguration(),
                "Object Lock stays on, with its retention");
        expectError("InvalidBucketState", 409, () -> s3.putBucketVersioning(r -> r.bucket(locked)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))));
    }

    @Test
    void documentsKeptByIdRoundTripAndPage() {
        String b = newBucket();
        for (int i = 0; i < 105; i++) {
            String id = String.format("m-%03d", i);
            s3.putBucketMetricsConfiguration(r -> r.bucket(b).id(id).metricsConfiguration(m -> m.id(id).filter(f -> f.prefix("p/"))));
        }
        assertEquals("p/", s3.getBucketMetricsConfiguration(r -> r.bucket(b).id("m-007")).metricsConfiguration().filter().prefix());
        ListBucketMetricsConfigurationsResponse first = s3.listBucketMetricsConfigurations(r -> r.bucket(b));
        assertEquals(100, first.metricsConfigurationList().size());
        assertTrue(first.isTruncated());
        assertEquals("m-099", first.nextContinuationToken());
        ListBucketMetricsConfigurationsResponse rest = s3.listBucketMetricsConfigurations(r -> r.bucket(b)
                .continuationToken(first.nextContinuationToken()));
        assertEquals(List.of("m-100", "m-101", "m-102", "m-103", "m-104"), rest.metricsConfigurationList().stream().map(MetricsConfiguration::id).toList());
        assertFalse(rest.isTruncated());
        s3.deleteBucketMetricsConfiguration(r -> r.bucket(b).id("m-007"));
        expectError("NoSuchConfiguration", 404, () -> s3.getBucketMetricsConfiguration(r -> r.bucket(b).id("m-007")));
        expectError("NoSuchConfiguration", 404, () -> s3.deleteBucketMetricsConfiguration(r -> r.bucket(b).id("m-007")));
        expectError("InvalidArgument", 400, () -> s3.putBucketMetricsConfiguration(r -> r.bucket(b).id("a").metricsConfiguration(m -> m.id("b"))));

        InventoryConfiguration inventory = InventoryConfiguration.builder().id("daily").isEnabled(true)
                .includedObjectVersions(InventoryIncludedObjectVersions.CURRENT).schedule(x -> x.frequency(InventoryFrequency.DAILY))
                .destination(d -> d.s3BucketDestination(x -> x.bucket("arn:aws:s3:::" + b).format(InventoryFormat.CSV).prefix("inv")))
                .optionalFields(InventoryOptionalField.SIZE, InventoryOptionalField.E_TAG).build();
        s3.putBucketInventoryConfiguration(r -> r.bucket(b).id("daily").inventoryConfiguration(inventory));
        assertEquals(inventory, s3.getBucketInventoryConfiguration(r -> r.bucket(b).id("daily")).inventoryConfiguration());
        assertEquals(List.of(inventory), s3.listBucketInventoryConfigurations(r -> r.bucket(b)).inventoryConfigurationList());

        AnalyticsConfiguration analytics = AnalyticsConfiguration.builder().id("a1").filter(f -> f.prefix("x/"))
                .storageClassAnalysis(x -> x.dataExport(d -> d.outputSchemaVersion(StorageClassAnalysisSchemaVersion.V_1)
                        .destination(t -> t.s3BucketDestination(y -> y.bucket("arn:aws:s3:::" + b).format(AnalyticsS3ExportFileFormat.CSV))))).build();
        s3.putBucketAnalyticsConfiguration(r -> r.bucket(b).id("a1").analyticsConfiguration(analytics));
        assertEquals(analytics, s3.getBucketAnalyticsConfiguration(r -> r.bucket(b).id("a1")).analyticsConfiguration());

        IntelligentTieringConfiguration tiering = IntelligentTieringConfiguration.builder().id("t1").status(IntelligentTieringStatus.ENABLED)
                .tierings(Tiering.builder().days(90).accessTier(IntelligentTieringAccessTier.ARCHIVE_ACCESS).build()).build();
        s3.putBucketIntelligentTieringConfiguration(r -> r.bucket(b).id("t1").intelligentTieringConfiguration(tiering));
        assertEquals(List.of(tiering), s3.listBucketIntelligentTieringConfigurations(r -> r.bucket(b)).intelligentTieringConfigurationList());
        s3.deleteBucketIntelligentTieringConfiguration(r -> r.bucket(b).id("t1"));
        assertEquals(List.of(), s3.listBucketIntelligentTieringConfigurations(r -> r.bucket(b)).intelligentTieringConfigurationList());
    }

    @Test
    void aDeletedBucketTakesItsDocumentsAlong() {
        String b = newBucket();
        s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(LifecycleRule.builder().id("x")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("")).expiration(e -> e.days(1)).build())));
        s3.deleteBucket(r -> r.bucket(b));
        s3.createBucket(r -> r.bucket(b));
        expectError("NoSuchLifecycleConfiguration", 404, () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(b)));
    }
}
