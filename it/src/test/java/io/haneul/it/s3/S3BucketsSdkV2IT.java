package io.haneul.it.s3;

import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

import java.util.List;
import java.util.Map;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/** Buckets through the SDK v2: create (region constraints), head, list, delete, tags, CORS, policy, versioning. */
class S3BucketsSdkV2IT {

    static TestServer server;
    static S3Client s3;
    static S3Client other;
    static S3Client euWest;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
        other = S3Clients.client(server, S3Clients.ACCOUNT_B);
        euWest = S3Clients.client(server, S3Clients.ACCOUNT_A, "secret", Region.EU_WEST_1, true);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        other.close();
        euWest.close();
        server.close();
    }

    @Test
    void createHeadListDelete() {
        String b = S3Clients.bucket("life");
        s3.createBucket(r -> r.bucket(b));
        assertEquals("us-east-1", s3.headBucket(r -> r.bucket(b)).bucketRegion());
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(x -> x.name().equals(b)));
        assertFalse(other.listBuckets().buckets().stream().anyMatch(x -> x.name().equals(b)), "buckets are listed per account");
        s3.deleteBucket(r -> r.bucket(b));
        expectError(null, 404, () -> s3.headBucket(r -> r.bucket(b)));
        expectError("NoSuchBucket", 404, () -> s3.deleteBucket(r -> r.bucket(b)));
    }

    @Test
    void namesAreGlobalAndRecreatingIsAnError() {
        String b = S3Clients.bucket("taken");
        euWest.createBucket(r -> r.bucket(b).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        expectError("BucketAlreadyOwnedByYou", 409, () -> euWest.createBucket(r -> r.bucket(b)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))));
        expectError("BucketAlreadyExists", 409, () -> other.createBucket(r -> r.bucket(b)));
        expectError(null, 403, () -> other.headBucket(r -> r.bucket(b)));
        assertEquals("eu-west-1", s3.getBucketLocation(r -> r.bucket(b)).locationConstraintAsString());
        assertEquals("eu-west-1", s3.headBucket(r -> r.bucket(b)).bucketRegion());
        // us-east-1 keeps S3's legacy answer: re-creating your own bucket there succeeds
        String east = S3Clients.bucket("legacy");
        s3.createBucket(r -> r.bucket(east));
        s3.createBucket(r -> r.bucket(east));
    }

    @Test
    void regionConstraintMustMatchARegionalEndpoint() {
        expectError("IllegalLocationConstraintException", 400, () -> euWest.createBucket(r -> r.bucket(S3Clients.bucket("mismatch"))
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.US_WEST_2))));
        // us-east-1 is the global endpoint: any region's constraint is accepted there, as on AWS
        String global = S3Clients.bucket("global");
        s3.createBucket(r -> r.bucket(global).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        assertEquals("eu-west-1", s3.headBucket(r -> r.bucket(global)).bucketRegion());
    }

    @Test
    void bucketNotEmpty() {
        String b = S3Clients.bucket("full");
        s3.createBucket(r -> r.bucket(b));
        s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("x"));
        expectError("BucketNotEmpty", 409, () -> s3.deleteBucket(r -> r.bucket(b)));
        s3.deleteObject(r -> r.bucket(b).key("k"));
        s3.deleteBucket(r -> r.bucket(b));
    }

    @Test
    void taggingPolicyAndCorsConfiguration() {
        String b = S3Clients.bucket("conf");
        s3.createBucket(r -> r.bucket(b));
        expectError("NoSuchTagSet", 404, () -> s3.getBucketTagging(r -> r.bucket(b)));
        s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(Tag.builder().key("env").value("dev").build())));
        assertEquals(List.of(Tag.builder().key("env").value("dev").build()), s3.getBucketTagging(r -> r.bucket(b)).tagSet());
        s3.deleteBucketTagging(r -> r.bucket(b));
        expectError("NoSuchTagSet", 404, () -> s3.getBucketTagging(r -> r.bucket(b)));

        expectError("NoSuchBucketPolicy", 404, () -> s3.getBucketPolicy(r -> r.bucket(b)));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + b + "/*\"}]}";
        // a new bucket blocks public policies (BlockPublicPolicy), as on AWS since 2023
        software.amazon.awssdk.awscore.exception.AwsServiceException blocked = expectError("AccessDenied", 403, () -> s3.putBucketPolicy(r -> r.bucket(b).policy(policy)));
        assertTrue(blocked.awsErrorDetails().errorMessage().contains("BlockPublicPolicy"), blocked.awsErrorDetails().errorMessage());
        s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(p -> p.blockPublicAcls(true).blockPublicPolicy(false)
                .ignorePublicAcls(true).restrictPublicBuckets(true)));
        s3.putBucketPolicy(r -> r.bucket(b).policy(policy));
        assertEquals(policy, s3.getBucketPolicy(r -> r.bucket(b)).policy());
        expectError("MalformedPolicy", 400, () -> s3.putBucketPolicy(r -> r.bucket(b).policy("not json")));
        s3.deleteBucketPolicy(r -> r.bucket(b));

        expectError("NoSuchCORSConfiguration", 404, () -> s3.getBucketCors(r -> r.bucket(b)));
        s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedOrigins("https://app.example.com").allowedMethods("GET", "PUT").allowedHeaders("*")
                .exposeHeaders("ETag").maxAgeSeconds(600).build())));
        CORSRule rule = s3.getBucketCors(r -> r.bucket(b)).corsRules().getFirst();
        assertEquals(List.of("GET", "PUT"), rule.allowedMethods());
        assertEquals(600, rule.maxAgeSeconds());
        s3.putObject(r -> r.bucket(b).key("page.html"), RequestBody.fromString("<p>hi</p>"));

        RawHttp.Response ok = RawHttp.send(server.port(), "OPTIONS", "/" + b + "/page.html", Map.of("Host", "localhost",
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-type,x-amz-meta-a"), (byte[]) null);
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("https://app.example.com", ok.header("Access-Control-Allow-Origin"));
        assertEquals("GET, PUT", ok.header("Access-Control-Allow-Methods"));
        assertEquals("content-type, x-amz-meta-a", ok.header("Access-Control-Allow-Headers"));
        assertEquals("600", ok.header("Access-Control-Max-Age"));
        assertEquals("ETag", ok.header("Access-Control-Expose-Headers"));

        RawHttp.Response denied = RawHttp.send(server.port(), "OPTIONS", "/" + b + "/page.html", Map.of("Host", "localhost",
                "Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET"), (byte[]) null);
        assertEquals(403, denied.status(), denied::toString);
        assertTrue(denied.text().contains("<Code>AccessForbidden</Code>"), denied::toString);
        assertTrue(denied.text().contains("<Message>CORSResponse: This CORS request is not allowed."), denied::toString);
        assertTrue(denied.text().contains("<Method>GET</Method><ResourceType>OBJECT</ResourceType>"), denied::toString);

        var get = s3.getObjectAsBytes(r -> r.bucket(b).key("page.html")
                .overrideConfiguration(o -> o.putHeader("Origin", "https://app.example.com")));
        assertEquals(List.of("https://app.example.com"), get.response().sdkHttpResponse().headers().get("Access-Control-Allow-Origin"));

        s3.deleteBucketCors(r -> r.bucket(b));
        expectError("NoSuchCORSConfiguration", 404, () -> s3.getBucketCors(r -> r.bucket(b)));
    }

    @Test
    void versioningKeepsVersionsAndDeleteMarkers() {
        String b = S3Clients.bucket("ver");
        s3.createBucket(r -> r.bucket(b));
        assertNull(s3.getBucketVersioning(r -> r.bucket(b)).status());
        s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(r -> r.bucket(b)).status());
        String v1 = s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("two")).versionId();
        assertNotNull(v1);
        assertNotEquals(v1, v2);
        assertEquals("two", s3.getObjectAsBytes(r -> r.bucket(b).key("k")).asUtf8String());
        assertEquals("one", s3.getObjectAsBytes(r -> r.bucket(b).key("k").versionId(v1)).asUtf8String());

        DeleteObjectResponse marker = s3.deleteObject(r -> r.bucket(b).key("k"));
        assertTrue(marker.deleteMarker());
        expectError("NoSuchKey", 404, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("k")));
        expectError("MethodNotAllowed", 405, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("k").versionId(marker.versionId())));
        assertTrue(s3.listObjectsV2(r -> r.bucket(b)).contents().isEmpty());

        ListObjectVersionsResponse versions = s3.listObjectVersions(r -> r.bucket(b));
        assertEquals(List.of(v2, v1), versions.versions().stream().map(ObjectVersion::versionId).toList());
        assertEquals(List.of(marker.versionId()), versions.deleteMarkers().stream().map(DeleteMarkerEntry::versionId).toList());
        assertTrue(versions.deleteMarkers().getFirst().isLatest());

        ListObjectVersionsResponse page = s3.listObjectVersions(r -> r.bucket(b).maxKeys(2));
        assertTrue(page.isTruncated());
        ListObjectVersionsResponse rest = s3.listObjectVersions(r -> r.bucket(b).keyMarker(page.nextKeyMarker())
                .versionIdMarker(page.nextVersionIdMarker()));
        assertEquals(List.of(v1), rest.versions().stream().map(ObjectVersion::versionId).toList());

        // deleting the marker brings v2 back
        s3.deleteObject(r -> r.bucket(b).key("k").versionId(marker.versionId()));
        assertEquals("two", s3.getObjectAsBytes(r -> r.bucket(b).key("k")).asUtf8String());
        s3.deleteObject(r -> r.bucket(b).key("k").versionId(v2));
        assertEquals("one", s3.getObjectAsBytes(r -> r.bucket(b).key("k")).asUtf8String());
        expectError("BucketNotEmpty", 409, () -> s3.deleteBucket(r -> r.bucket(b)));

        s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        assertEquals("null", s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("n1")).versionId());
        s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("n2"));
        assertEquals(List.of("null", v1), s3.listObjectVersions(r -> r.bucket(b)).versions().stream()
                .map(ObjectVersion::versionId).toList());
    }
}
