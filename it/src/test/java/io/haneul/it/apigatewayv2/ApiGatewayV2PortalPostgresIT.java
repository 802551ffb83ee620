package io.haneul.it.apigatewayv2;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link ApiGatewayV2PortalIT} on PostgreSQL storage (embedded): portals, pages and GetModelTemplate on the other engine. */
class ApiGatewayV2PortalPostgresIT extends ApiGatewayV2PortalIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_apigwv2_portal_"));
    }
}
