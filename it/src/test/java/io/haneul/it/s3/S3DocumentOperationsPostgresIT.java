package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3DocumentOperationsIT} with metadata in PostgreSQL (embedded): annotations (BYTEA payloads, name order) there. */
class S3DocumentOperationsPostgresIT extends S3DocumentOperationsIT {

    @BeforeAll
    static void start() {
        server = TestServer.start("--storage", S3Clients.newPostgresDatabase());
    }
}
