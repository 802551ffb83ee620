package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/**
 * The SQS event source mapping tests on PostgreSQL (the mappings' table and its queries). The
 * restart and throughput tests are not repeated: they are overridden without {@code @Test}.
 */
class LambdaSqsEventSourcePostgresIT extends LambdaSqsEventSourceIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_esm_"));
    }

    @Override
    void anEnabledMappingPollsAgainAfterARestart() {
    }

    @Override
    void throughputThroughAFunctionThatDoesNothing() {
    }
}
