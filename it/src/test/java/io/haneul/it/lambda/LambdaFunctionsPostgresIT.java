package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link LambdaFunctionsSdkV2IT} on PostgreSQL storage (embedded): the function store's SQL on the other engine. */
class LambdaFunctionsPostgresIT extends LambdaFunctionsSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_lambda_"));
    }
}
