package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link LambdaConcurrencyIT} on PostgreSQL storage (embedded): the concurrency and event-invoke-config SQL on the other engine. */
class LambdaConcurrencyPostgresIT extends LambdaConcurrencyIT {

    private String storage;

    @Override
    TestServer newServer() {
        storage = SharedPostgres.newDatabase("haneul_lambda_conc_");
        return TestServer.start(CLOCK, "--storage", storage, "--lambda-concurrency-limit", "150");
    }

    /** {@code postgresql://postgres@host:port/db} as JDBC takes it. */
    @Override
    String storeJdbcUrl() {
        return "jdbc:" + storage.replace("postgres@", "") + "?user=postgres";
    }
}
