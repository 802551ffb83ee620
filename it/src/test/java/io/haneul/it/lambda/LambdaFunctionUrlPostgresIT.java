package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link LambdaFunctionUrlIT} on PostgreSQL storage (embedded): the function URL store's SQL on the other engine. */
class LambdaFunctionUrlPostgresIT extends LambdaFunctionUrlIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_lambda_url_"));
    }
}
