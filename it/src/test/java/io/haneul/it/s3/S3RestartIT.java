package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What was acknowledged survives a restart on the same data directory: objects, versions,
 * multipart uploads in progress; blobs are files named by id, never by key.
 */
class S3RestartIT {

    @TempDir
    Path data;

    @Test
    void objectsVersionsAndUploadsSurviveARestart() throws Exception {
        String b = S3Clients.bucket("restart");
        byte[] part = new byte[5 * 1024 * 1024];
        new Random(11).nextBytes(part);
        String uploadId;
        String v1;
        String e1;
        try (TestServer server = TestServer.start("--data-dir", data.toString()); S3Client s3 = S3Clients.client(server, "test")) {
            s3.createBucket(r -> r.bucket(b));
            s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            v1 = s3.putObject(r -> r.bucket(b).key("etc/../passwd x"), RequestBody.fromString("first")).versionId();
            s3.putObject(r -> r.bucket(b).key("etc/../passwd x"), RequestBody.fromString("second"));
            uploadId = s3.createMultipartUpload(r -> r.bucket(b).key("mpu")).uploadId();
            e1 = s3.uploadPart(r -> r.bucket(b).key("mpu").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part)).eTag();
        }
        try (Stream<Path> files = Files.walk(data.resolve("s3"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("passwd")), "keys never become file names");
        }
        try (TestServer server = TestServer.start("--data-dir", data.toString()); S3Client s3 = S3Clients.client(server, "test")) {
            assertEquals("second", s3.getObjectAsBytes(r -> r.bucket(b).key("etc/../passwd x")).asUtf8String());
            assertEquals("first", s3.getObjectAsBytes(r -> r.bucket(b).key("etc/../passwd x").versionId(v1)).asUtf8String());
            assertEquals(2, s3.listObjectVersions(r -> r.bucket(b)).versions().stream().map(ObjectVersion::versionId).count());
            String e2 = s3.uploadPart(r -> r.bucket(b).key("mpu").uploadId(uploadId).partNumber(2), RequestBody.fromString("end")).eTag();
            s3.completeMultipartUpload(r -> r.bucket(b).key("mpu").uploadId(uploadId).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
            assertEquals(part.length + 3L, s3.headObject(r -> r.bucket(b).key("mpu")).contentLength());
            List<String> keys = s3.listObjectsV2(r -> r.bucket(b)).contents().stream().map(o -> o.key()).toList();
            assertEquals(List.of("etc/../passwd x", "mpu"), keys);
        }
    }
}
