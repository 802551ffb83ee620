package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/** Multipart uploads through the SDK v2: create, parts, part copies, listings, complete, abort, and their errors. */
class S3MultipartSdkV2IT {

    static final int MIB = 1024 * 1024;
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

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void completeJoinsPartsWithMultipartEtag() throws Exception {
        String b = S3Clients.bucket("mpu");
        s3.createBucket(r -> r.bucket(b));
        String id = s3.createMultipartUpload(r -> r.bucket(b).key("big").contentType("video/mp4")
                .metadata(java.util.Map.of("m", "1"))).uploadId();
        byte[] p1 = random(5 * MIB, 1);
        byte[] p2 = random(5 * MIB + 17, 2);
        byte[] p3 = random(1000, 3);
        List<CompletedPart> parts = new ArrayList<>();
        MessageDigest md5s = MessageDigest.getInstance("MD5");
        int n = 1;
        for (byte[] p : List.of(p1, p2, p3)) {
            int number = n++;
            String etag = s3.uploadPart(r -> r.bucket(b).key("big").uploadId(id).partNumber(number), RequestBody.fromBytes(p)).eTag();
            md5s.update(MessageDigest.getInstance("MD5").digest(p));
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        ListPartsResponse listed = s3.listParts(r -> r.bucket(b).key("big").uploadId(id));
        assertEquals(List.of(1, 2, 3), listed.parts().stream().map(Part::partNumber).toList());
        assertEquals(5L * MIB + 17, listed.parts().get(1).size());
        ListPartsResponse paged = s3.listParts(r -> r.bucket(b).key("big").uploadId(id).maxParts(2));
        assertTrue(paged.isTruncated());
        assertEquals(2, paged.nextPartNumberMarker());
        assertEquals(List.of(id), s3.listMultipartUploads(r -> r.bucket(b)).uploads().stream().map(MultipartUpload::uploadId).toList());

        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(r -> r.bucket(b).key("big").uploadId(id)
                .multipartUpload(m -> m.parts(parts)));
        assertEquals("\"" + HexFormat.of().formatHex(md5s.digest()) + "-3\"", done.eTag());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(p1);
        all.write(p2);
        all.write(p3);
        assertArrayEquals(all.toByteArray(), s3.getObjectAsBytes(r -> r.bucket(b).key("big")).asByteArray());
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(r -> r.bucket(b).key("big").maxParts(2)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.E_TAG));
        assertEquals(3, attributes.objectParts().totalPartsCount());
        assertEquals(List.of(5L * MIB, 5L * MIB + 17), attributes.objectParts().parts().stream().map(ObjectPart::size).toList());
        assertTrue(attributes.objectParts().isTruncated());
        assertTrue(attributes.eTag().endsWith("-3"));
        GetObjectAttributesResponse rest = s3.getObjectAttributes(r -> r.bucket(b).key("big").partNumberMarker(2)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS));
        assertEquals(List.of(3), rest.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertFalse(rest.objectParts().isTruncated());
        HeadObjectResponse head = s3.headObject(r -> r.bucket(b).key("big"));
        assertEquals("video/mp4", head.contentType());
        assertEquals("1", head.metadata().get("m"));
        HeadObjectResponse part2 = s3.headObject(r -> r.bucket(b).key("big").partNumber(2));
        assertEquals(3, part2.partsCount());
        assertEquals(5L * MIB + 17, part2.contentLength());
        assertArrayEquals(p3, s3.getObjectAsBytes(r -> r.bucket(b).key("big").partNumber(3)).asByteArray());
        // a range across the part boundary
        byte[] across = s3.getObjectAsBytes(r -> r.bucket(b).key("big").range("bytes=" + (5 * MIB - 2) + "-" + (5 * MIB + 1)))
                .asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(all.toByteArray(), 5 * MIB - 2, 5 * MIB + 2), across);
        assertTrue(s3.listMultipartUploads(r -> r.bucket(b)).uploads().isEmpty());
        expectError("NoSuchUpload", 404, () -> s3.listParts(r -> r.bucket(b).key("big").uploadId(id)));
    }

    @Test
    void partErrors() {
        String b = S3Clients.bucket("mpe");
        s3.createBucket(r -> r.bucket(b));
        String id = s3.createMultipartUpload(r -> r.bucket(b).key("k")).uploadId();
        String e1 = s3.uploadPart(r -> r.bucket(b).key("k").uploadId(id).partNumber(1), RequestBody.fromBytes(random(1000, 1))).eTag();
        String e2 = s3.uploadPart(r -> r.bucket(b).key("k").uploadId(id).partNumber(2), RequestBody.fromBytes(random(1000, 2))).eTag();
        expectError("EntityTooSmall", 400, () -> s3.completeMultipartUpload(r -> r.bucket(b).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build()))));
        expectError("InvalidPart", 400, () -> s3.completeMultipartUpload(r -> r.bucket(b).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build()))));
        expectError("InvalidPart", 400, () -> s3.completeMultipartUpload(r -> r.bucket(b).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(7).eTag(e1).build()))));
        expectError("InvalidPartOrder", 400, () -> s3.completeMultipartUpload(r -> r.bucket(b).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(e2).build(),
                        CompletedPart.builder().partNumber(1).eTag(e1).build()))));
        // a single small part is a valid (last) part
        s3.completeMultipartUpload(r -> r.bucket(b).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build())));
        assertEquals(1000L, s3.headObject(r -> r.bucket(b).key("k")).contentLength());
        expectError("NoSuchUpload", 404, () -> s3.uploadPart(r -> r.bucket(b).key("k").uploadId(id).partNumber(3),
                RequestBody.fromString("late")));
        expectError("NoSuchUpload", 404, () -> s3.abortMultipartUpload(r -> r.bucket(b).key("k").uploadId("nope")));
    }

    @Test
    void abortDropsTheUpload() {
        String b = S3Clients.bucket("mpa");
        s3.createBucket(r -> r.bucket(b));
        String id = s3.createMultipartUpload(r -> r.bucket(b).key("gone")).uploadId();
        s3.uploadPart(r -> r.bucket(b).key("gone").uploadId(id).partNumber(1), RequestBody.fromString("x"));
        s3.abortMultipartUpload(r -> r.bucket(b).key("gone").uploadId(id));
        assertTrue(s3.listMultipartUploads(r -> r.bucket(b)).uploads().isEmpty());
        expectError("NoSuchUpload", 404, () -> s3.listParts(r -> r.bucket(b).key("gone").uploadId(id)));
        expectError("NoSuchKey", 404, () -> s3.headObject(r -> r.bucket(b).key("gone")));
    }

    @Test
    void uploadPartCopyTakesRangesOfAnotherObject() {
        String b = S3Clients.bucket("mpc");
        s3.createBucket(r -> r.bucket(b));
        byte[] source = random(6 * MIB, 9);
        s3.putObject(r -> r.bucket(b).key("src"), RequestBody.fromBytes(source));
        String id = s3.createMultipartUpload(r -> r.bucket(b).key("dst")).uploadId();
        UploadPartCopyResponse c1 = s3.uploadPartCopy(r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b).destinationKey("dst")
                .uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)));
        UploadPartCopyResponse c2 = s3.uploadPartCopy(r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b).destinationKey("dst")
                .uploadId(id).partNumber(2).copySourceRange("bytes=" + 5 * MIB + "-" + (6 * MIB - 1)));
        s3.completeMultipartUpload(r -> r.bucket(b).key("dst").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(c1.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(c2.copyPartResult().eTag()).build())));
        assertArrayEquals(source, s3.getObjectAsBytes(r -> r.bucket(b).key("dst")).asByteArray());
        expectError("InvalidRange", 416, () -> s3.uploadPartCopy(r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b)
                .destinationKey("dst2").uploadId(s3.createMultipartUpload(x -> x.bucket(b).key("dst2")).uploadId()).partNumber(1)
                .copySourceRange("bytes=0-" + 7 * MIB)));
    }

    @Test
    void compositeChecksumOfParts() {
        String b = S3Clients.bucket("mpk");
        s3.createBucket(r -> r.bucket(b));
        String id = s3.createMultipartUpload(r -> r.bucket(b).key("k").checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        UploadPartResponse p1 = s3.uploadPart(r -> r.bucket(b).key("k").uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(random(5 * MIB, 4)));
        UploadPartResponse p2 = s3.uploadPart(r -> r.bucket(b).key("k").uploadId(id).partNumber(2)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromString("tail"));
        assertNotNull(p1.checksumSHA256());
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(r -> r.bucket(b).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(p1.eTag()).checksumSHA256(p1.checksumSHA256()).build(),
                        CompletedPart.builder().partNumber(2).eTag(p2.eTag()).checksumSHA256(p2.checksumSHA256()).build())));
        assertTrue(done.checksumSHA256().endsWith("-2"), done.checksumSHA256());
        HeadObjectResponse head = s3.headObject(r -> r.bucket(b).key("k").checksumMode(ChecksumMode.ENABLED));
        assertEquals(done.checksumSHA256(), head.checksumSHA256());
        assertEquals(ChecksumType.COMPOSITE, head.checksumType());
    }
}
