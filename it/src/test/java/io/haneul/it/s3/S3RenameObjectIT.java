package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RenameObject through the SDK for Java v2: an object of a bucket without versioning moves to its new
 * key keeping its ETag, metadata and tags, replaces the destination, honours the source and destination
 * conditions, and is refused on a versioned bucket.
 */
class S3RenameObjectIT {

    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        server.close();
    }

    @Test
    void renamesInPlaceKeepingWhatTheObjectIs() {
        String b = S3Clients.bucket("rename");
        s3.createBucket(r -> r.bucket(b));
        String etag = s3.putObject(r -> r.bucket(b).key("a.txt").metadata(Map.of("team", "x")).tagging("k=v").contentType("text/plain"),
                RequestBody.fromString("hello")).eTag();
        HeadObjectResponse before = s3.headObject(r -> r.bucket(b).key("a.txt"));

        s3.renameObject(r -> r.bucket(b).key("dir/b.txt").renameSource("a.txt"));

        S3Clients.expectError(null, 404, () -> s3.headObject(r -> r.bucket(b).key("a.txt")));
        HeadObjectResponse after = s3.headObject(r -> r.bucket(b).key("dir/b.txt"));
        assertEquals(etag, after.eTag());
        assertEquals(before.lastModified(), after.lastModified());
        assertEquals(Map.of("team", "x"), after.metadata());
        assertEquals("text/plain", after.contentType());
        assertEquals("hello", s3.getObjectAsBytes(r -> r.bucket(b).key("dir/b.txt")).asUtf8String());
        assertEquals("v", s3.getObjectTagging(r -> r.bucket(b).key("dir/b.txt")).tagSet().getFirst().value());
        assertEquals(1, s3.listObjectsV2(r -> r.bucket(b)).keyCount());
    }

    @Test
    void replacesTheDestinationUnlessAConditionSaysNot() {
        String b = S3Clients.bucket("rename-cond");
        s3.createBucket(r -> r.bucket(b));
        s3.putObject(r -> r.bucket(b).key("src"), RequestBody.fromString("new"));
        s3.putObject(r -> r.bucket(b).key("dst"), RequestBody.fromString("old"));

        S3Clients.expectError("PreconditionFailed", 412,
                () -> s3.renameObject(r -> r.bucket(b).key("dst").renameSource("src").destinationIfNoneMatch("*")));
        S3Clients.expectError("PreconditionFailed", 412,
                () -> s3.renameObject(r -> r.bucket(b).key("dst").renameSource("src").sourceIfMatch("\"0000\"")));
        S3Clients.expectError("NoSuchKey", 404, () -> s3.renameObject(r -> r.bucket(b).key("x").renameSource("missing")));
        assertEquals("new", s3.getObjectAsBytes(r -> r.bucket(b).key("src")).asUtf8String());

        s3.renameObject(r -> r.bucket(b).key("dst").renameSource("/" + b + "/src"));
        assertEquals("new", s3.getObjectAsBytes(r -> r.bucket(b).key("dst")).asUtf8String());
        assertEquals(1, s3.listObjectsV2(r -> r.bucket(b)).keyCount());
    }

    @Test
    void aVersionedBucketCannotRename() {
        String b = S3Clients.bucket("rename-ver");
        s3.createBucket(r -> r.bucket(b));
        s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(v -> v.status("Enabled")));
        s3.putObject(r -> r.bucket(b).key("a"), RequestBody.fromString("x"));
        S3Clients.expectError("InvalidRequest", 400, () -> s3.renameObject(r -> r.bucket(b).key("b").renameSource("a")));
    }
}
