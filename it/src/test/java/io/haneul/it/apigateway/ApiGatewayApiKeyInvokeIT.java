package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.ApiKeySourceType;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * API keys, usage plan throttles and quotas, and stage throttles on invoke (java.net.http): 403
 * Forbidden, 429 Too Many Requests and 429 Limit Exceeded as AWS answers them. Throttles are tested
 * with tiny bursts and a rate so slow that no refill happens unless the test moves the server's
 * clock; quotas by moving it a day.
 */
class ApiGatewayApiKeyInvokeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static ApiGatewayClient apigw;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK);
        apigw = ApiGatewayClients.client(server);
    }

    @AfterAll
    static void stop() throws Exception {
        apigw.close();
        server.close();
    }

    static HttpResponse<String> call(String api, String stage, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/_aws/execute-api/" + api + "/" + stage + path)).GET();
        if (key != null) {
            b.header("x-api-key", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A MOCK GET on {@code resource} answering the caller's key and key id. */
    static void keyedMock(String api, String resource, boolean keyRequired) {
        apigw.putMethod(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").authorizationType("NONE").apiKeyRequired(keyRequired));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200")
                .responseTemplates(Map.of("application/json",
                        "{\"key\":\"$context.identity.apiKey\",\"keyId\":\"$context.identity.apiKeyId\"}")));
    }

    /** An API whose root GET needs a key and whose /open GET does not, deployed to {@code prod}; its id and its resources' ids. */
    static String[] api(String name) {
        String api = apigw.createRestApi(b -> b.name(name)).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String open = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("open")).id();
        String slow = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("slow")).id();
        keyedMock(api, root, true);
        keyedMock(api, open, false);
        keyedMock(api, slow, true);
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
        return new String[]{api, root, open, slow};
    }

    static void assertStatus(int status, String message, String errorType, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("{\"message\":\"" + message + "\"}", r.body());
        assertEquals(errorType, r.headers().firstValue("x-amzn-ErrorType").orElse(null));
    }

    static String keyIn(String plan, String name, boolean enabled) {
        var key = apigw.createApiKey(b -> b.name(name).enabled(enabled));
        apigw.createUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
        return key.value();
    }

    @Test
    void methodsThatNeedAKeyRefuseAnyOtherThanAnEnabledKeyOfThisStage() throws Exception {
        String api = api("keys")[0];
        String plan = apigw.createUsagePlan(b -> b.name("p").apiStages(ApiStage.builder().apiId(api).stage("prod").build())).id();
        String good = keyIn(plan, "good", true);
        String disabled = keyIn(plan, "disabled", false);
        String planless = apigw.createApiKey(b -> b.name("planless").enabled(true)).value();
        String otherApi = api("keys-other")[0];
        apigw.createDeployment(b -> b.restApiId(otherApi).stageName("dev"));
        String otherPlan = apigw.createUsagePlan(b -> b.name("o").apiStages(ApiStage.builder().apiId(otherApi).stage("prod").build())).id();
        String otherStage = keyIn(otherPlan, "other", true);

        assertStatus(403, "Forbidden", "ForbiddenException", call(api, "prod", "/", null));
        assertStatus(403, "Forbidden", "ForbiddenException", call(api, "prod", "/", "no-such-key-0000000000000"));
        assertStatus(403, "Forbidden", "ForbiddenException", call(api, "prod", "/", disabled));
        assertStatus(403, "Forbidden", "ForbiddenException", call(api, "prod", "/", planless));
        assertStatus(403, "Forbidden", "ForbiddenException", call(api, "prod", "/", otherStage));
        assertStatus(403, "Forbidden", "ForbiddenException", call(otherApi, "dev", "/", otherStage));

        HttpResponse<String> ok = call(api, "prod", "/", good);
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode who = JSON.readTree(ok.body());
        assertEquals(good, who.get("key").asText());
        String goodId = apigw.getApiKeys(b -> b.nameQuery("good")).items().getFirst().id();
        assertEquals(goodId, who.get("keyId").asText());
        assertEquals(200, call(otherApi, "prod", "/", otherStage).statusCode());
        assertEquals(200, call(api, "prod", "/open", null).statusCode(), "a method that needs no key");

        apigw.updateApiKey(b -> b.apiKey(goodId).patchOperations(op("replace", "/enabled", "false")));
        assertStatus(403, "Forbidden", "ForbiddenException", call(api, "prod", "/", good));
    }

    @Test
    void anAuthorizerSourcedApiIgnoresTheHeader() throws Exception {
        String api = api("authorizer-source")[0];
        apigw.updateRestApi(b -> b.restApiId(api).patchOperations(op("replace", "/apiKeySource", ApiKeySourceType.AUTHORIZER.toString())));
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
        String plan = apigw.createUsagePlan(b -> b.name("a").apiStages(ApiStage.builder().apiId(api).stage("prod").build())).id();
        String key = keyIn(plan, "header-only", true);
        assertStatus(403, "Forbidden", "ForbiddenException", call(api, "prod", "/", key));
    }

    @Test
    void planThrottlesPerKeyAndPerMethod() throws Exception {
        String api = api("throttled")[0];
        String plan = apigw.createUsagePlan(b -> b.name("t")
                .throttle(t -> t.rateLimit(0.001).burstLimit(2))
                .apiStages(ApiStage.builder().apiId(api).stage("prod")
                        .throttle(Map.of("/slow/GET", ThrottleSettings.builder().rateLimit(0.001).burstLimit(1).build())).build())).id();
        String key = keyIn(plan, "busy", true);
        String other = keyIn(plan, "calm", true);

        assertEquals(200, call(api, "prod", "/", key).statusCode());
        assertEquals(200, call(api, "prod", "/", key).statusCode());
        assertStatus(429, "Too Many Requests", "TooManyRequestsException", call(api, "prod", "/", key));
        assertEquals(200, call(api, "prod", "/", other).statusCode(), "each key has its own bucket");

        assertEquals(200, call(api, "prod", "/slow", key).statusCode(), "the method's throttle replaces the key's");
        assertStatus(429, "Too Many Requests", "TooManyRequestsException", call(api, "prod", "/slow", key));

        CLOCK.advance(Duration.ofSeconds(3000));
        assertEquals(200, call(api, "prod", "/", key).statusCode(), "the bucket refills at the rate");
        assertEquals(200, call(api, "prod", "/slow", key).statusCode());
    }

    @Test
    void stageMethodSettingsThrottleEveryCaller() throws Exception {
        String[] ids = api("stage-throttle");
        String api = ids[0];
        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                op("replace", "/*/*/throttling/rateLimit", "0.001"), op("replace", "/*/*/throttling/burstLimit", "1"),
                op("replace", "/~1slow/GET/throttling/burstLimit", "3"), op("replace", "/~1slow/GET/throttling/rateLimit", "0.001")));
        var stage = apigw.getStage(b -> b.restApiId(api).stageName("prod"));
        assertEquals(1, stage.methodSettings().get("*/*").throttlingBurstLimit());
        assertEquals(0.001, stage.methodSettings().get("*/*").throttlingRateLimit());
        assertEquals(3, stage.methodSettings().get("~1slow/GET").throttlingBurstLimit());
        assertEquals("OFF", stage.methodSettings().get("~1slow/GET").loggingLevel(), "a method's settings start from AWS's defaults");

        assertEquals(200, call(api, "prod", "/open", null).statusCode());
        assertStatus(429, "Too Many Requests", "TooManyRequestsException", call(api, "prod", "/open", null));

        String plan = apigw.createUsagePlan(b -> b.name("s").apiStages(ApiStage.builder().apiId(api).stage("prod").build())).id();
        String key = keyIn(plan, "stage-key", true);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, call(api, "prod", "/slow", key).statusCode(), "the method's own setting before */*");
        }
        assertStatus(429, "Too Many Requests", "TooManyRequestsException", call(api, "prod", "/slow", key));
    }

    @Test
    void quotasCountPerDayAndUsageGrantsMore() throws Exception {
        String api = api("quota")[0];
        String plan = apigw.createUsagePlan(b -> b.name("q").quota(q -> q.limit(3).period(QuotaPeriodType.DAY))
                .apiStages(ApiStage.builder().apiId(api).stage("prod").build())).id();
        String key = keyIn(plan, "quota-key", true);
        String keyId = apigw.getApiKeys(b -> b.nameQuery("quota-key")).items().getFirst().id();

        for (int i = 0; i < 3; i++) {
            assertEquals(200, call(api, "prod", "/", key).statusCode());
        }
        assertStatus(429, "Limit Exceeded", "LimitExceededException", call(api, "prod", "/", key));
        String today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC).toString();
        GetUsageResponse usage = apigw.getUsage(b -> b.usagePlanId(plan).startDate(today).endDate(today));
        assertEquals(Map.of(keyId, List.of(List.of(3L, 0L))), usage.items());

        var granted = apigw.updateUsage(b -> b.usagePlanId(plan).keyId(keyId).patchOperations(op("replace", "/remaining", "2")));
        assertEquals(List.of(List.of(3L, 2L)), granted.items().get(keyId));
        assertEquals(200, call(api, "prod", "/", key).statusCode());
        assertEquals(200, call(api, "prod", "/", key).statusCode());
        assertStatus(429, "Limit Exceeded", "LimitExceededException", call(api, "prod", "/", key));

        CLOCK.advance(Duration.ofDays(1));
        assertEquals(200, call(api, "prod", "/", key).statusCode(), "a new day, a new quota");
        String tomorrow = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC).toString();
        GetUsageResponse twoDays = apigw.getUsage(b -> b.usagePlanId(plan).keyId(keyId).startDate(today).endDate(tomorrow));
        assertEquals(List.of(List.of(5L, 0L), List.of(1L, 2L)), twoDays.items().get(keyId));
    }
}
