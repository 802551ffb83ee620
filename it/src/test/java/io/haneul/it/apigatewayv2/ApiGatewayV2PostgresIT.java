package io.haneul.it.apigatewayv2;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link ApiGatewayV2ControlPlaneIT} on PostgreSQL storage (embedded): the v2 store's SQL on the other engine. */
class ApiGatewayV2PostgresIT extends ApiGatewayV2ControlPlaneIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_apigwv2_"));
    }
}
