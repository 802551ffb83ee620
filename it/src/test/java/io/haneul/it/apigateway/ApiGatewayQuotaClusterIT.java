package io.haneul.it.apigateway;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two Haneul nodes on one PostgreSQL database count one usage plan quota: requests to either use it up. */
class ApiGatewayQuotaClusterIT {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static int call(TestServer node, String api, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.endpoint().resolve("/_aws/execute-api/" + api + "/prod/")).header("x-api-key", key)
                .GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void bothNodesCountAgainstOneQuota() throws Exception {
        String db = SharedPostgres.newDatabase("haneul_apigw_quota_");
        try (TestServer a = TestServer.start("--storage", db); TestServer b = TestServer.start("--storage", db);
             ApiGatewayClient apigw = ApiGatewayClients.client(a)) {
            String api = apigw.createRestApi(r -> r.name("cluster")).id();
            String root = apigw.getResources(r -> r.restApiId(api)).items().getFirst().id();
            apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE").apiKeyRequired(true));
            apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigw.putMethodResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
            String plan = apigw.createUsagePlan(r -> r.name("shared").quota(q -> q.limit(4).period(QuotaPeriodType.MONTH))
                    .apiStages(ApiStage.builder().apiId(api).stage("prod").build())).id();
            var key = apigw.createApiKey(r -> r.name("shared-key").enabled(true));
            apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));

            assertEquals(200, call(a, api, key.value()));
            assertEquals(200, call(b, api, key.value()));
            assertEquals(200, call(a, api, key.value()));
            assertEquals(200, call(b, api, key.value()));
            assertEquals(429, call(a, api, key.value()));
            assertEquals(429, call(b, api, key.value()));
        }
    }
}
