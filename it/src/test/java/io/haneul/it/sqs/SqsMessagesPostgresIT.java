package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;

/** {@link SqsMessagesSdkV2IT} on PostgreSQL storage (embedded). */
class SqsMessagesPostgresIT extends SqsMessagesSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", PostgresForTests.newDatabase());
    }
}
