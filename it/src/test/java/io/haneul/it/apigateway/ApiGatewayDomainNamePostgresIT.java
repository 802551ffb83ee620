package io.haneul.it.apigateway;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link ApiGatewayDomainNameIT} on PostgreSQL storage (embedded): the store's SQL for these tables on the other engine. */
class ApiGatewayDomainNamePostgresIT extends ApiGatewayDomainNameIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_apigw_"));
    }
}
