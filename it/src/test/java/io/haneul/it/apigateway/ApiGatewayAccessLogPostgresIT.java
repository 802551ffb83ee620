package io.haneul.it.apigateway;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.util.Map;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Access log lines on PostgreSQL storage: the store's SQL (paging, and the pruning every 500 lines)
 * on the other engine.
 */
class ApiGatewayAccessLogPostgresIT {

    @Test
    void linesAreKeptAndPagedOnPostgres() throws Exception {
        try (TestServer server = TestServer.start("--storage", SharedPostgres.newDatabase("haneul_apigw_logs_"));
             ApiGatewayClient apigw = ApiGatewayClients.client(server)) {
            String api = apigw.createRestApi(b -> b.name("logged")).id();
            String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
            apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
            apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
            apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                    op("replace", "/accessLogSettings/destinationArn", "arn:aws:logs:us-east-1:123456789012:log-group:access"),
                    op("replace", "/accessLogSettings/format", "$context.status")));
            for (int i = 0; i < 501; i++) {
                assertEquals(200, Invocations.get(server, api, "prod", "/").statusCode());
            }
            assertEquals(501, ApiGatewayAccessLogRestartIT.lines(server, api, 100).size());
            assertEquals("200", ApiGatewayAccessLogRestartIT.page(server, "apiId=" + api + "&stage=prod&limit=1")
                    .path("items").get(0).path("message").asText());
        }
    }
}
