package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link LambdaPermissionsIT} on PostgreSQL storage (embedded): the policy store's SQL on the other engine. */
class LambdaPermissionsPostgresIT extends LambdaPermissionsIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_lambda_policies_"));
    }
}
