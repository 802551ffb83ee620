package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3LifecycleIT} with metadata in PostgreSQL (embedded): version scans and conditional removals there. */
class S3LifecyclePostgresIT extends S3LifecycleIT {

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK, "--s3-lifecycle-interval", "0", "--storage", S3Clients.newPostgresDatabase());
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
    }
}
