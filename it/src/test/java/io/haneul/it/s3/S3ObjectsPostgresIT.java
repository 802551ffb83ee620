package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3ObjectsSdkV2IT} with metadata in PostgreSQL (embedded): key order, listings and versions there. */
class S3ObjectsPostgresIT extends S3ObjectsSdkV2IT {

    @BeforeAll
    static void start() {
        server = TestServer.start("--storage", S3Clients.newPostgresDatabase());
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
    }
}
