package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;

import java.util.List;
import java.util.Map;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API keys, usage plans and usage plan keys through the SDK v2 client: stored state, AWS's ids, values, errors and patches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayUsagePlanIT {

    TestServer server;
    ApiGatewayClient apigw;

    @BeforeAll
    void start() {
        server = newServer();
        apigw = ApiGatewayClients.client(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        apigw.close();
        server.close();
    }

    /** A deployed API with stage {@code stage}; its id. */
    String deployedApi(String name, String stage) {
        String api = apigw.createRestApi(b -> b.name(name)).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));
        apigw.createDeployment(b -> b.restApiId(api).stageName(stage));
        return api;
    }

    @Test
    void apiKeysAreGeneratedGivenListedPatchedAndDeleted() {
        CreateApiKeyResponse generated = apigw.createApiKey(b -> b.name("gen-one").enabled(true).customerId("cust-1")
                .description("first").tags(Map.of("team", "a")));
        assertTrue(generated.value().matches("[A-Za-z0-9]{40}"), generated.value());
        assertTrue(generated.id().matches("[a-z0-9]{10}"), generated.id());
        assertTrue(generated.enabled());
        assertEquals("cust-1", generated.customerId());
        assertEquals(Map.of("team", "a"), generated.tags());
        assertTrue(generated.createdDate() != null && generated.lastUpdatedDate() != null);

        CreateApiKeyResponse given = apigw.createApiKey(b -> b.name("gen-two").value("my-own-key-value-0123456789"));
        assertEquals("my-own-key-value-0123456789", given.value());
        assertFalse(given.enabled(), "a key is disabled unless created enabled");

        BadRequestException tooShort = assertThrows(BadRequestException.class, () -> apigw.createApiKey(b -> b.name("x").value("short")));
        assertEquals(400, tooShort.statusCode());
        ConflictException dup = assertThrows(ConflictException.class,
                () -> apigw.createApiKey(b -> b.name("dup").value("my-own-key-value-0123456789")));
        assertEquals(409, dup.statusCode());

        assertNull(apigw.getApiKey(b -> b.apiKey(given.id())).value(), "the value only when asked for");
        assertEquals("my-own-key-value-0123456789", apigw.getApiKey(b -> b.apiKey(given.id()).includeValue(true)).value());

        GetApiKeysResponse byName = apigw.getApiKeys(b -> b.nameQuery("gen-").includeValues(true));
        assertEquals(List.of(generated.id(), given.id()).stream().sorted().toList(),
                byName.items().stream().map(ApiKey::id).filter(i -> i.equals(generated.id()) || i.equals(given.id())).sorted().toList());
        assertTrue(byName.items().stream().allMatch(k -> k.value() != null));
        assertTrue(apigw.getApiKeys(b -> b.nameQuery("gen-")).items().stream().allMatch(k -> k.value() == null));
        assertEquals(List.of(generated.id()), apigw.getApiKeys(b -> b.customerId("cust-1")).items().stream().map(ApiKey::id).toList());
        GetApiKeysResponse page = apigw.getApiKeys(b -> b.nameQuery("gen-").limit(1));
        assertEquals(1, page.items().size());
        assertTrue(page.position() != null);

        UpdateApiKeyResponse updated = apigw.updateApiKey(b -> b.apiKey(given.id()).patchOperations(
                op("replace", "/enabled", "true"), op("replace", "/name", "renamed"), op("replace", "/description", "d")));
        assertTrue(updated.enabled());
        assertEquals("renamed", updated.name());
        assertThrows(BadRequestException.class, () -> apigw.updateApiKey(b -> b.apiKey(given.id()).patchOperations(op("replace", "/value", "x"))));

        apigw.deleteApiKey(b -> b.apiKey(given.id()));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> apigw.getApiKey(b -> b.apiKey(given.id())));
        assertEquals("Invalid API Key identifier specified", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void usagePlansKeepStagesThrottlesAndQuotas() {
        String api = deployedApi("plans", "prod");
        CreateUsagePlanResponse plan = apigw.createUsagePlan(b -> b.name("gold").description("g")
                .apiStages(ApiStage.builder().apiId(api).stage("prod")
                        .throttle(Map.of("/GET", ThrottleSettings.builder().rateLimit(5.0).burstLimit(2).build())).build())
                .throttle(t -> t.rateLimit(100.0).burstLimit(50))
                .quota(q -> q.limit(1000).period(QuotaPeriodType.WEEK).offset(1)));
        assertTrue(plan.id().matches("[a-z0-9]{6}"), plan.id());
        GetUsagePlanResponse got = apigw.getUsagePlan(b -> b.usagePlanId(plan.id()));
        assertEquals(api, got.apiStages().getFirst().apiId());
        assertEquals(2, got.apiStages().getFirst().throttle().get("/GET").burstLimit());
        assertEquals(100.0, got.throttle().rateLimit());
        assertEquals(QuotaPeriodType.WEEK, got.quota().period());
        assertEquals(1, got.quota().offset());

        assertThrows(BadRequestException.class, () -> apigw.createUsagePlan(b -> b.name("bad").quota(q -> q.limit(1).period("DAY").offset(2))));
        assertThrows(BadRequestException.class, () -> apigw.createUsagePlan(b -> b.name("bad").quota(q -> q.limit(1).period("YEAR"))));
        assertThrows(BadRequestException.class, () -> apigw.createUsagePlan(b -> b.name("bad")
                .apiStages(ApiStage.builder().apiId(api).stage("nostage").build())));
        NotFoundException missing = assertThrows(NotFoundException.class, () -> apigw.getUsagePlan(b -> b.usagePlanId("zzzzzz")));
        assertEquals("Invalid Usage Plan ID specified", missing.awsErrorDetails().errorMessage());

        String other = deployedApi("plans-2", "dev");
        UpdateUsagePlanResponse updated = apigw.updateUsagePlan(b -> b.usagePlanId(plan.id()).patchOperations(
                op("add", "/apiStages", other + ":dev"),
                op("replace", "/apiStages/" + api + ":prod/throttle/~1/GET/rateLimit", "7"),
                op("replace", "/throttle/burstLimit", "9"),
                op("replace", "/quota/limit", "20"), op("replace", "/quota/period", "MONTH"), op("replace", "/quota/offset", "3"),
                op("replace", "/name", "platinum")));
        assertEquals("platinum", updated.name());
        assertEquals(2, updated.apiStages().size());
        assertEquals(7.0, updated.apiStages().getFirst().throttle().get("/GET").rateLimit());
        assertEquals(9, updated.throttle().burstLimit());
        assertEquals(20, updated.quota().limit());
        assertEquals(QuotaPeriodType.MONTH, updated.quota().period());
        UpdateUsagePlanResponse removed = apigw.updateUsagePlan(b -> b.usagePlanId(plan.id()).patchOperations(
                op("remove", "/apiStages", other + ":dev"), op("remove", "/quota", null)));
        assertEquals(1, removed.apiStages().size());
        assertNull(removed.quota());
        assertThrows(BadRequestException.class, () -> apigw.updateUsagePlan(b -> b.usagePlanId(plan.id())
                .patchOperations(op("replace", "/id", "x"))));

        apigw.deleteUsagePlan(b -> b.usagePlanId(plan.id()));
        assertThrows(NotFoundException.class, () -> apigw.getUsagePlan(b -> b.usagePlanId(plan.id())));
    }

    @Test
    void usagePlanKeysLinkKeysToPlans() {
        String api = deployedApi("plan-keys", "prod");
        String plan = apigw.createUsagePlan(b -> b.name("silver").apiStages(ApiStage.builder().apiId(api).stage("prod").build())).id();
        String plan2 = apigw.createUsagePlan(b -> b.name("bronze").apiStages(ApiStage.builder().apiId(api).stage("prod").build())).id();
        CreateApiKeyResponse key = apigw.createApiKey(b -> b.name("pk-alpha").enabled(true));
        CreateApiKeyResponse key2 = apigw.createApiKey(b -> b.name("pk-beta").enabled(true));

        CreateUsagePlanKeyResponse linked = apigw.createUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
        assertEquals(key.id(), linked.id());
        assertEquals("API_KEY", linked.type());
        assertEquals(key.value(), linked.value());
        assertEquals("pk-alpha", linked.name());
        apigw.createUsagePlanKey(b -> b.usagePlanId(plan).keyId(key2.id()).keyType("API_KEY"));

        assertThrows(ConflictException.class, () -> apigw.createUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id()).keyType("API_KEY")));
        assertThrows(ConflictException.class, () -> apigw.createUsagePlanKey(b -> b.usagePlanId(plan2).keyId(key.id()).keyType("API_KEY")),
                "a key cannot be in two plans of the same API stage");
        assertThrows(BadRequestException.class, () -> apigw.createUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id()).keyType("OTHER")));
        assertThrows(NotFoundException.class, () -> apigw.createUsagePlanKey(b -> b.usagePlanId(plan).keyId("nosuchkey0").keyType("API_KEY")));

        assertEquals(key.value(), apigw.getUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id())).value());
        assertEquals(2, apigw.getUsagePlanKeys(b -> b.usagePlanId(plan)).items().size());
        assertEquals(List.of(key2.id()), apigw.getUsagePlanKeys(b -> b.usagePlanId(plan).nameQuery("pk-b")).items().stream()
                .map(UsagePlanKey::id).toList());
        assertEquals(List.of(plan), apigw.getUsagePlans(b -> b.keyId(key.id())).items().stream().map(UsagePlan::id).toList());

        apigw.deleteUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id()));
        assertThrows(NotFoundException.class, () -> apigw.getUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id())));
        assertThrows(NotFoundException.class, () -> apigw.deleteUsagePlanKey(b -> b.usagePlanId(plan).keyId(key.id())));
        apigw.deleteApiKey(b -> b.apiKey(key2.id()));
        assertTrue(apigw.getUsagePlanKeys(b -> b.usagePlanId(plan)).items().isEmpty(), "a deleted key leaves its plans");
    }

    @Test
    void usageValidatesItsDates() {
        String plan = apigw.createUsagePlan(b -> b.name("dates").quota(q -> q.limit(10).period(QuotaPeriodType.DAY))).id();
        assertThrows(BadRequestException.class, () -> apigw.getUsage(b -> b.usagePlanId(plan).startDate("2026-13-01").endDate("2026-12-31")));
        assertThrows(BadRequestException.class, () -> apigw.getUsage(b -> b.usagePlanId(plan).startDate("2026-12-31").endDate("2026-12-01")));
        GetUsageResponse empty = apigw.getUsage(b -> b.usagePlanId(plan).startDate("2026-01-01").endDate("2026-01-02"));
        assertEquals(plan, empty.usagePlanId());
        assertEquals("2026-01-01", empty.startDate());
        assertTrue(empty.items().isEmpty());
        assertThrows(NotFoundException.class, () -> apigw.getUsage(b -> b.usagePlanId("nopln0").startDate("2026-01-01").endDate("2026-01-02")));

        String api = deployedApi("usage-pages", "prod");
        apigw.updateUsagePlan(b -> b.usagePlanId(plan).patchOperations(op("add", "/apiStages", api + ":prod")));
        for (String name : List.of("page-a", "page-b", "page-c")) {
            String id = apigw.createApiKey(b -> b.name(name)).id();
            apigw.createUsagePlanKey(b -> b.usagePlanId(plan).keyId(id).keyType("API_KEY"));
        }
        GetUsageResponse first = apigw.getUsage(b -> b.usagePlanId(plan).startDate("2026-01-01").endDate("2026-01-02").limit(2));
        assertEquals(2, first.items().size());
        assertEquals(List.of(List.of(0L, 10L), List.of(0L, 10L)), first.items().values().iterator().next());
        GetUsageResponse rest = apigw.getUsage(b -> b.usagePlanId(plan).startDate("2026-01-01").endDate("2026-01-02")
                .limit(2).position(first.position()));
        assertEquals(1, rest.items().size());
        assertNull(rest.position());
    }
}
