package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;

/** {@link SqsQueuesSdkV2IT} on PostgreSQL storage (embedded). */
class SqsQueuesPostgresIT extends SqsQueuesSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", PostgresForTests.newDatabase());
    }
}
