package io.haneul.it.sns;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link SnsOutboxIT} with SNS's tables (SMS, platform endpoints, outbox) in PostgreSQL (embedded). */
class SnsOutboxPostgresIT extends SnsOutboxIT {

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs", "--storage", SharedPostgres.newDatabase("haneul_sns"));
        sns = SnsTesting.sns(server, ACCOUNT);
    }
}
