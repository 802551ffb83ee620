package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3MultipartSdkV2IT} with object bytes in an external S3-compatible store ({@code --s3-blob-url}). */
class S3MultipartRemoteBlobsIT extends S3MultipartSdkV2IT {

    static S3RemoteBlobs blobs;

    @BeforeAll
    static void start() {
        blobs = new S3RemoteBlobs();
        server = TestServer.start(blobs.options("multipart"));
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
    }

    @AfterAll
    static void stopStore() throws Exception {
        blobs.close();
    }
}
