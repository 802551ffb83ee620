package io.haneul.it.sns;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link SnsTopicsIT} with SNS's tables in PostgreSQL (embedded). */
class SnsTopicsPostgresIT extends SnsTopicsIT {

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs", "--storage", SharedPostgres.newDatabase("haneul_sns"));
        a = SnsTesting.sns(server, SnsTesting.ACCOUNT_A);
        b = SnsTesting.sns(server, SnsTesting.ACCOUNT_B);
    }
}
