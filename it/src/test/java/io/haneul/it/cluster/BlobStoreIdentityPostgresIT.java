package io.haneul.it.cluster;

import io.haneul.it.support.SharedPostgres;
import io.haneul.server.HaneulServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes sharing a database must share S3's bytes: the first node that writes a blob records its
 * blob store in the database; a node started later with another blob store refuses to start with a
 * message saying what to change, one already running refuses to write blobs; nodes on one shared
 * directory work. An object whose bytes are missing answers S3's 500 InternalError and is counted.
 */
class BlobStoreIdentityPostgresIT {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aNodeWithAnotherBlobStoreRefusesToStartOrToServeS3() throws Exception {
        String storage = SharedPostgres.newDatabase("cluster_blobs");
        Path shared = tmp.resolve("shared-blobs");
        try (HaneulServer a = ClusterNodes.node(ClusterNodes.dir(tmp, "a"), storage, "--s3-blob-dir", shared.toString());
             HaneulServer early = ClusterNodes.node(ClusterNodes.dir(tmp, "early"), storage); // its own <data-dir>/s3
             S3Client s3a = s3(a); S3Client s3early = s3(early)) {
            s3a.createBucket(r -> r.bucket("blobs"));
            s3a.putObject(r -> r.bucket("blobs").key("k"), RequestBody.fromString("bytes"));

            S3Exception missing = assertThrows(S3Exception.class, () -> s3early.getObjectAsBytes(r -> r.bucket("blobs").key("k")));
            assertEquals(500, missing.statusCode());
            assertEquals("InternalError", missing.awsErrorDetails().errorCode());
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> s3early.putObject(r -> r.bucket("blobs").key("elsewhere"), RequestBody.fromString("lost")));
            assertEquals(500, refused.statusCode());
            assertEquals("InternalError", refused.awsErrorDetails().errorCode());

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClusterNodes.node(ClusterNodes.dir(tmp, "late"), storage).close());
            assertTrue(e.getMessage().contains("S3 blob store mismatch") && e.getMessage().contains("--s3-blob-dir " + shared)
                    && e.getMessage().contains("docs/cluster.md"), e.getMessage());

            try (HaneulServer b = ClusterNodes.node(ClusterNodes.dir(tmp, "b"), storage, "--s3-blob-dir", shared.toString());
                 S3Client s3b = s3(b)) {
                assertEquals("bytes", s3b.getObjectAsBytes(r -> r.bucket("blobs").key("k")).asUtf8String());
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMissingBlobAnswersInternalErrorAndIsCounted() throws Exception {
        Path blobs = tmp.resolve("blobs");
        try (HaneulServer node = ClusterNodes.node(ClusterNodes.dir(tmp, "solo"), "sqlite", "--s3-blob-dir", blobs.toString());
             S3Client s3 = s3(node)) {
            s3.createBucket(r -> r.bucket("gone"));
            s3.putObject(r -> r.bucket("gone").key("k"), RequestBody.fromString("bytes"));
            try (Stream<Path> files = Files.walk(blobs.resolve("blobs"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(f);
                }
            }
            S3Exception e = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(r -> r.bucket("gone").key("k")));
            assertEquals(500, e.statusCode());
            assertEquals("InternalError", e.awsErrorDetails().errorCode());
            assertEquals("We encountered an internal error. Please try again.", e.awsErrorDetails().errorMessage());
            try (HttpClient http = HttpClient.newHttpClient()) {
                String metrics = http.send(HttpRequest.newBuilder(URI.create(node.endpoint() + "/_haneul/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("haneul_s3_missing_blobs_total 1"), metrics);
            }
        }
    }

    private static S3Client s3(HaneulServer node) {
        return S3Client.builder().endpointOverride(URI.create(node.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
