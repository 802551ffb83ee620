package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link LambdaConcurrencyIT} on PostgreSQL storage (embedded): the concurrency and event-invoke-config SQL on the other engine. */
class LambdaConcurrencyPostgresIT extends LambdaConcurrencyIT {

    @Override
    TestServer newServer() {
        return TestServer.start(CLOCK, "--storage", SharedPostgres.newDatabase("haneul_lambda_conc_"), "--lambda-concurrency-limit", "150");
    }
}
