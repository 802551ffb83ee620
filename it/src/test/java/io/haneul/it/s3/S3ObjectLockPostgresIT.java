package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3ObjectLockIT} with metadata in PostgreSQL (embedded). */
class S3ObjectLockPostgresIT extends S3ObjectLockIT {

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK, "--s3-lifecycle-interval", "0", "--storage", S3Clients.newPostgresDatabase());
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
    }
}
