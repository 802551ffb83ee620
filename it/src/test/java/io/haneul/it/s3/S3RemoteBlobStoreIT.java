package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Two nodes on one PostgreSQL that share no directory, both keeping object bytes in one external
 * S3-compatible store ({@code --s3-blob-url}): what one node writes the other reads, and the blobs in
 * the external store follow the objects (written, copied, replaced, deleted).
 */
class S3RemoteBlobStoreIT {

    static final int MIB = 1024 * 1024;
    static S3RemoteBlobs blobs;
    static TestServer nodeA;
    static TestServer nodeB;
    static S3Client a;
    static S3Client b;

    @BeforeAll
    static void start() {
        blobs = new S3RemoteBlobs();
        String database = S3Clients.newPostgresDatabase();
        nodeA = TestServer.start(blobs.options("shared", "--storage", database));
        nodeB = TestServer.start(blobs.options("shared", "--storage", database));
        a = S3Clients.client(nodeA, S3Clients.ACCOUNT_A);
        b = S3Clients.client(nodeB, S3Clients.ACCOUNT_A);
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        nodeA.close();
        nodeB.close();
        blobs.close();
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static Set<String> blobKeys() {
        return blobs.blobs("shared").stream().map(S3Object::key).collect(Collectors.toSet());
    }

    @Test
    void oneNodeWritesTheOtherReadsAndBlobsFollowTheObjects() throws Exception {
        String bucket = S3Clients.bucket("remote");
        a.createBucket(r -> r.bucket(bucket));
        Set<String> before = blobKeys();

        // 20 MiB: more than one buffer, so the blob goes up as a multipart upload to the store
        byte[] big = random(20 * MIB + 3, 1);
        String etag = a.putObject(r -> r.bucket(bucket).key("big"), RequestBody.fromBytes(big)).eTag();
        assertEquals("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(big)) + "\"", etag);
        byte[] small = random(1000, 2);
        a.putObject(r -> r.bucket(bucket).key("small"), RequestBody.fromBytes(small));
        a.putObject(r -> r.bucket(bucket).key("empty"), RequestBody.empty());

        assertArrayEquals(big, b.getObjectAsBytes(r -> r.bucket(bucket).key("big")).asByteArray(), "node B reads node A's bytes");
        assertArrayEquals(small, b.getObjectAsBytes(r -> r.bucket(bucket).key("small")).asByteArray());
        assertEquals(0, b.getObjectAsBytes(r -> r.bucket(bucket).key("empty")).asByteArray().length);
        byte[] range = b.getObjectAsBytes(r -> r.bucket(bucket).key("big").range("bytes=" + (8 * MIB - 5) + "-" + (8 * MIB + 4))).asByteArray();
        assertArrayEquals(Arrays.copyOfRange(big, 8 * MIB - 5, 8 * MIB + 5), range, "a range across the store's part boundary");

        Set<String> written = blobKeys();
        written.removeAll(before);
        assertEquals(3, written.size(), "one blob per object in the external store: " + written);
        assertTrue(written.stream().allMatch(k -> k.matches("shared/[0-9a-f]{32}")), "blobs are named by ids, never keys: " + written);
        S3Object bigBlob = blobs.blobs("shared").stream().filter(o -> written.contains(o.key()) && o.size() == big.length).findFirst().orElseThrow();
        assertArrayEquals(big, blobs.view.getObjectAsBytes(r -> r.bucket(S3RemoteBlobs.BUCKET).key(bigBlob.key())).asByteArray());

        b.copyObject(r -> r.sourceBucket(bucket).sourceKey("small").destinationBucket(bucket).destinationKey("copy"));
        assertArrayEquals(small, a.getObjectAsBytes(r -> r.bucket(bucket).key("copy")).asByteArray());
        assertEquals(before.size() + 4, blobKeys().size(), "a copy owns its own blob");

        a.putObject(r -> r.bucket(bucket).key("small"), RequestBody.fromString("replaced"));
        assertEquals("replaced", b.getObjectAsBytes(r -> r.bucket(bucket).key("small")).asUtf8String());
        b.deleteObject(r -> r.bucket(bucket).key("big"));
        b.deleteObject(r -> r.bucket(bucket).key("copy"));
        expectError("NoSuchKey", 404, () -> a.getObjectAsBytes(r -> r.bucket(bucket).key("big")));
        Set<String> after = blobKeys();
        after.removeAll(before);
        assertEquals(2, after.size(), "replaced and deleted objects' blobs are removed from the store: " + after);
        assertFalse(after.contains(bigBlob.key()));
    }

    @Test
    void aRejectedUploadLeavesNoBlob() {
        String bucket = S3Clients.bucket("remote-bad");
        a.createBucket(r -> r.bucket(bucket));
        Set<String> before = blobKeys();
        byte[] data = random(10 * MIB, 3);
        expectError("BadDigest", 400, () -> a.putObject(r -> r.bucket(bucket).key("k").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
                RequestBody.fromBytes(data)));
        expectError("NoSuchKey", 404, () -> b.headObject(r -> r.bucket(bucket).key("k")));
        assertEquals(before, blobKeys(), "nothing kept in the store for a rejected body");
        assertTrue(blobs.view.listMultipartUploads(r -> r.bucket(S3RemoteBlobs.BUCKET)).uploads().isEmpty(),
                "no multipart upload left open in the store");
    }

    @Test
    void multipartObjectsReadAcrossNodes() {
        String bucket = S3Clients.bucket("remote-mpu");
        a.createBucket(r -> r.bucket(bucket));
        byte[] p1 = random(5 * MIB, 4);
        byte[] p2 = random(1234, 5);
        String id = a.createMultipartUpload(r -> r.bucket(bucket).key("m")).uploadId();
        String e1 = a.uploadPart(r -> r.bucket(bucket).key("m").uploadId(id).partNumber(1), RequestBody.fromBytes(p1)).eTag();
        String e2 = b.uploadPart(r -> r.bucket(bucket).key("m").uploadId(id).partNumber(2), RequestBody.fromBytes(p2)).eTag();
        b.completeMultipartUpload(r -> r.bucket(bucket).key("m").uploadId(id).multipartUpload(u -> u.parts(
                p -> p.partNumber(1).eTag(e1), p -> p.partNumber(2).eTag(e2))));
        byte[] got = a.getObjectAsBytes(r -> r.bucket(bucket).key("m").range("bytes=" + (5 * MIB - 2) + "-")).asByteArray();
        byte[] expected = new byte[2 + p2.length];
        System.arraycopy(p1, p1.length - 2, expected, 0, 2);
        System.arraycopy(p2, 0, expected, 2, p2.length);
        assertArrayEquals(expected, got, "a range spanning two parts, each a blob in the store");
        assertEquals(List.of(), b.listMultipartUploads(r -> r.bucket(bucket)).uploads());
    }
}
