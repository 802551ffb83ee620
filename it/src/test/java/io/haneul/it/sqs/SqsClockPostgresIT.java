package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;

/** {@link SqsClockSdkV2IT} on PostgreSQL storage (embedded). */
class SqsClockPostgresIT extends SqsClockSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start(CLOCK, "--storage", PostgresForTests.newDatabase());
    }
}
