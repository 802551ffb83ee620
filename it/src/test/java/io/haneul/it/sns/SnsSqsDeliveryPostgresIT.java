package io.haneul.it.sns;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link SnsSqsDeliveryIT} with SNS's and SQS's tables in PostgreSQL (embedded). */
class SnsSqsDeliveryPostgresIT extends SnsSqsDeliveryIT {

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs", "--storage", SharedPostgres.newDatabase("haneul_sns"));
        sns = SnsTesting.sns(server, SnsTesting.ACCOUNT_A);
        sqs = SnsTesting.sqs(server, SnsTesting.ACCOUNT_A);
        snsB = SnsTesting.sns(server, SnsTesting.ACCOUNT_B);
        sqsB = SnsTesting.sqs(server, SnsTesting.ACCOUNT_B);
    }
}
