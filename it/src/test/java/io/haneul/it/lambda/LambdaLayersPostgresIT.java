package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link LambdaLayersIT} on PostgreSQL storage (embedded): the layer store's SQL on the other engine. */
class LambdaLayersPostgresIT extends LambdaLayersIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_layers_"), OPTIONS[0], OPTIONS[1]);
    }
}
