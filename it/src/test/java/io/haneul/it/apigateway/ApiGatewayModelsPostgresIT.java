package io.haneul.it.apigateway;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link ApiGatewayModelsIT} on PostgreSQL storage (embedded): the API items' SQL on the other engine. */
class ApiGatewayModelsPostgresIT extends ApiGatewayModelsIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_apigw_items_"));
    }
}
