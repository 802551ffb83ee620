package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3BucketConfigurationsIT} with the documents in PostgreSQL (embedded). */
class S3BucketConfigurationsPostgresIT extends S3BucketConfigurationsIT {

    @BeforeAll
    static void start() {
        server = TestServer.start("--storage", S3Clients.newPostgresDatabase());
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
        other = S3Clients.client(server, S3Clients.ACCOUNT_B);
    }
}
