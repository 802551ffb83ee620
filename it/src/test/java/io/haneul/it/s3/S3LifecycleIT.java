package io.haneul.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lifecycle rules carried out: the clock moves on days, a sweep runs ({@code POST /_haneul/s3/lifecycle}),
 * and objects expire as S3 would expire them, with LifecycleExpiration events.
 */
class S3LifecycleIT {

    static final ObjectMapper JSON = new ObjectMapper();
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

    /** Buckets of the running test: their rules are dropped after it, so sweeps count one test's objects only. */
    final List<String> buckets = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void dropRules() {
        buckets.forEach(b -> s3.deleteBucketLifecycle(r -> r.bucket(b)));
    }

    static JsonNode sweep() throws Exception {
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/_haneul/s3/lifecycle", Map.of(), (byte[]) null);
        assertEquals(200, r.status(), r::toString);
        return JSON.readTree(r.text());
    }

    String bucket(String name, boolean versioned, LifecycleRule... rules) {
        String b = S3Clients.bucket(name);
        buckets.add(b);
        s3.createBucket(r -> r.bucket(b));
        if (versioned) {
            s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(rules)));
        return b;
    }

    static List<String> keys(String b) {
        return s3.listObjectsV2(r -> r.bucket(b)).contents().stream().map(S3Object::key).toList();
    }

    static LifecycleRule.Builder rule(String id) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED);
    }

    @Test
    void expirationRemovesMatchingObjectsOnceDue() throws Exception {
        String b = bucket("lc-expire", false,
                rule("logs").filter(f -> f.prefix("logs/")).expiration(e -> e.days(1)).build(),
                rule("tagged").filter(f -> f.tag(t -> t.key("tmp").value("yes"))).expiration(e -> e.days(1)).build(),
                rule("big").filter(f -> f.objectSizeGreaterThan(100L)).expiration(e -> e.days(1)).build(),
                rule("off").status(ExpirationStatus.DISABLED).filter(f -> f.prefix("")).expiration(e -> e.days(1)).build());
        try (SqsClient sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Clients.ACCOUNT_A, "x"))).build()) {
            String url = sqs.createQueue(r -> r.queueName(b + "-events")).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            s3.putBucketNotificationConfiguration(r -> r.bucket(b).notificationConfiguration(c -> c.queueConfigurations(
                    QueueConfiguration.builder().queueArn(arn).eventsWithStrings("s3:LifecycleExpiration:*").build())));
            sqs.purgeQueue(r -> r.queueUrl(url));

            s3.putObject(r -> r.bucket(b).key("logs/a.log"), RequestBody.fromString("a"));
            s3.putObject(r -> r.bucket(b).key("data/keep.txt"), RequestBody.fromString("keep"));
            s3.putObject(r -> r.bucket(b).key("data/tmp.txt").tagging("tmp=yes"), RequestBody.fromString("tmp"));
            s3.putObject(r -> r.bucket(b).key("data/big.bin"), RequestBody.fromBytes(new byte[200]));

            assertEquals(0, sweep().path("expired").asInt(), "nothing is due on the day it was written");
            CLOCK.advance(Duration.ofHours(12));
            assertEquals(0, sweep().path("expired").asInt(), "one day, rounded up to midnight UTC, has not passed");
            CLOCK.advance(Duration.ofDays(2));
            assertEquals(3, sweep().path("expired").asInt());
            assertEquals(List.of("data/keep.txt"), keys(b));
            assertEquals(0, sweep().path("expired").asInt(), "a second sweep finds nothing more");

            List<String> events = new ArrayList<>();
            for (int i = 0; i < 10 && events.size() < 3; i++) {
                for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()) {
                    JsonNode record = JSON.readTree(m.body()).at("/Records/0");
                    events.add(record.path("eventName").asText() + " " + record.at("/s3/object/key").asText());
                }
            }
            assertEquals(List.of("LifecycleExpiration:Delete data/big.bin", "LifecycleExpiration:Delete data/tmp.txt",
                    "LifecycleExpiration:Delete logs/a.log"), events.stream().sorted().toList());
        }
    }

    @Test
    void versionedBucketsGetDeleteMarkersAndLoseOldVersions() throws Exception {
        String b = bucket("lc-versions", true,
                rule("current").filter(f -> f.prefix("")).expiration(e -> e.days(1)).build(),
                rule("noncurrent").filter(f -> f.prefix("")).noncurrentVersionExpiration(n -> n.noncurrentDays(1).newerNoncurrentVersions(1))
                        .build());
        for (String body : List.of("v1", "v2", "v3")) {
            s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString(body));
        }
        CLOCK.advance(Duration.ofDays(3));
        JsonNode first = sweep();
        assertEquals(1, first.path("expired").asInt(), first::toString);
        assertEquals(1, first.path("noncurrentExpired").asInt(), "v1 goes; v2 is kept as the one newer noncurrent version");
        ListObjectVersionsResponse versions = s3.listObjectVersions(r -> r.bucket(b));
        assertEquals(1, versions.deleteMarkers().size(), "the current version hides behind a delete marker");
        assertEquals(2, versions.versions().size());
        assertEquals(List.of(), keys(b));
    }

    @Test
    void loneDeleteMarkersAndStaleUploadsAreCleanedUp() throws Exception {
        String b = bucket("lc-markers", true,
                rule("markers").filter(f -> f.prefix("")).expiration(e -> e.expiredObjectDeleteMarker(true))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1)).abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2))
                        .build());
        s3.putObject(r -> r.bucket(b).key("gone"), RequestBody.fromString("x"));
        s3.deleteObject(r -> r.bucket(b).key("gone"));
        String upload = s3.createMultipartUpload(r -> r.bucket(b).key("never-finished")).uploadId();
        s3.uploadPart(r -> r.bucket(b).key("never-finished").uploadId(upload).partNumber(1), RequestBody.fromString("part"));

        CLOCK.advance(Duration.ofDays(2));
        JsonNode first = sweep();
        assertEquals(1, first.path("noncurrentExpired").asInt(), first::toString);
        assertEquals(0, first.path("uploadsAborted").asInt(), "two days rounded up have not passed");
        JsonNode second = sweep();
        assertEquals(1, second.path("deleteMarkersRemoved").asInt(), "the marker stands alone now and goes");
        ListObjectVersionsResponse versions = s3.listObjectVersions(r -> r.bucket(b));
        assertTrue(versions.versions().isEmpty() && versions.deleteMarkers().isEmpty(), versions::toString);

        CLOCK.advance(Duration.ofDays(1));
        assertEquals(1, sweep().path("uploadsAborted").asInt());
        assertTrue(s3.listMultipartUploads(r -> r.bucket(b)).uploads().isEmpty());
        S3Clients.expectError("NoSuchUpload", 404, () -> s3.listParts(r -> r.bucket(b).key("never-finished").uploadId(upload)));
    }
}
