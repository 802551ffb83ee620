package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

/**
 * A second Haneul standing in for the external S3-compatible store of {@code --s3-blob-url}: the node
 * under test keeps its object bytes there, and tests look inside it to see the blobs come and go.
 */
final class S3RemoteBlobs implements AutoCloseable {

    static final String BUCKET = "haneul-blobs";
    static final String OWNER = "333333333333";

    final TestServer store = TestServer.start();
    final S3Client view = S3Clients.client(store, OWNER);

    /** Options for a node that keeps its blobs in this store under {@code prefix}. */
    String[] options(String prefix, String... more) {
        List<String> all = new ArrayList<>(List.of("--s3-blob-url", store.endpoint() + "/" + BUCKET + "/" + prefix,
                "--s3-blob-access-key-id", OWNER, "--s3-blob-secret-access-key", "blob-store-secret"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The blob objects under {@code prefix} (the bucket is created by the first node that uses it). */
    List<S3Object> blobs(String prefix) {
        return view.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix + "/")).contents().stream().toList();
    }

    @Override
    public void close() throws Exception {
        view.close();
        store.close();
    }
}
