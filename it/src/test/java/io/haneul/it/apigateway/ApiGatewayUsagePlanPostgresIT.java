package io.haneul.it.apigateway;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link ApiGatewayUsagePlanIT} on PostgreSQL storage (embedded): the key and plan tables' SQL on the other engine. */
class ApiGatewayUsagePlanPostgresIT extends ApiGatewayUsagePlanIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_apigw_keys_"));
    }
}
