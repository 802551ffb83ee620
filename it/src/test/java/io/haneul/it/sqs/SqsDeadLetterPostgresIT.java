package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;

/** {@link SqsDeadLetterSdkV2IT} on PostgreSQL storage (embedded). */
class SqsDeadLetterPostgresIT extends SqsDeadLetterSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", PostgresForTests.newDatabase());
    }
}
