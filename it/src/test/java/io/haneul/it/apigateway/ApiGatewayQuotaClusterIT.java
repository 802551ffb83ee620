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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Haneul nodes on one PostgreSQL database count one usage plan quota: requests to either use it
 * up; and a deployment made through one node is served by the other (its invoke caches follow
 * another node's writes).
 */
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

    static HttpResponse<String> get(TestServer node, String api, String stage) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve("/_aws/execute-api/" + api + "/" + stage + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the node answers {@code body} (the change is not seen at once, but within about a second); false after 20 s. */
    static boolean eventuallyAnswers(TestServer node, String api, String stage, String body) throws Exception {
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = get(node, api, stage);
            if (r.statusCode() == 200 && r.body().equals(body)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void aDeploymentThroughOneNodeIsServedByTheOther() throws Exception {
        String db = SharedPostgres.newDatabase("haneul_apigw_nodes_");
        try (TestServer a = TestServer.start("--storage", db); TestServer b = TestServer.start("--storage", db);
             ApiGatewayClient apigw = ApiGatewayClients.client(a)) {
            String api = apigw.createRestApi(r -> r.name("two-nodes")).id();
            String root = apigw.getResources(r -> r.restApiId(api)).items().getFirst().id();
            apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
            apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigw.putMethodResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
                    .responseTemplates(Map.of("application/json", "first")));
            assertEquals(403, get(b, api, "prod").statusCode()); // B has now seen (and may cache) "no such stage"

            apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
            assertTrue(eventuallyAnswers(b, api, "prod", "first"));

            apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
                    .responseTemplates(Map.of("application/json", "second")));
            apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
            assertTrue(eventuallyAnswers(b, api, "prod", "second"));
        }
    }
}
