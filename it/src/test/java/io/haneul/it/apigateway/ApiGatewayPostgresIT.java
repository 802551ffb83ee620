package io.haneul.it.apigateway;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link ApiGatewayControlPlaneIT} on PostgreSQL storage (embedded): the API Gateway store's SQL on the other engine. */
class ApiGatewayPostgresIT extends ApiGatewayControlPlaneIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_apigw_"));
    }
}
