package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Two nodes on one PostgreSQL with their own data dirs and one shared {@code --s3-blob-dir} (the
 * documented cluster layout without an external store): bytes one node writes the other serves.
 */
class S3SharedBlobDirIT {

    @TempDir
    Path dir;

    static long blobFiles(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void nodesShareOneBlobDirectory() throws Exception {
        String database = S3Clients.newPostgresDatabase();
        Path shared = dir.resolve("shared-blobs");
        try (TestServer a = TestServer.startIn(dir.resolve("a"), java.time.Clock.systemUTC(), "--storage", database,
                "--s3-blob-dir", shared.toString());
             TestServer b = TestServer.startIn(dir.resolve("b"), java.time.Clock.systemUTC(), "--storage", database,
                     "--s3-blob-dir", shared.toString());
             S3Client s3a = S3Clients.client(a, S3Clients.ACCOUNT_A);
             S3Client s3b = S3Clients.client(b, S3Clients.ACCOUNT_A)) {
            String bucket = S3Clients.bucket("shared");
            s3a.createBucket(r -> r.bucket(bucket));
            byte[] data = new byte[3 * 1024 * 1024];
            new Random(5).nextBytes(data);
            s3a.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromBytes(data));
            assertEquals(1, blobFiles(shared), "the blob lands in the shared directory");
            assertFalse(Files.exists(dir.resolve("a").resolve("s3")), "not under the node's own data dir");
            assertArrayEquals(data, s3b.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asByteArray());
            s3b.deleteObject(r -> r.bucket(bucket).key("k"));
            expectError("NoSuchKey", 404, () -> s3a.getObjectAsBytes(r -> r.bucket(bucket).key("k")));
            assertEquals(0, blobFiles(shared), "the node that deleted the object removed its blob");
        }
    }
}
