package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link LambdaCodeSigningIT} on PostgreSQL storage (embedded): the code signing and function settings stores' SQL on the other engine. */
class LambdaCodeSigningPostgresIT extends LambdaCodeSigningIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_csc_"));
    }
}
