package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;

/** {@link SqsFifoSdkV2IT} on PostgreSQL storage (embedded). */
class SqsFifoPostgresIT extends SqsFifoSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", PostgresForTests.newDatabase());
    }
}
