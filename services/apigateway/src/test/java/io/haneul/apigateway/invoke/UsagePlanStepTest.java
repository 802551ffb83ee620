package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.ApiKeyService;
import io.haneul.apigateway.UsagePlanService;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.RouteMatcher;
import io.haneul.apigateway.domain.TokenBuckets;
import io.haneul.apigateway.store.SqlRestApiStore;
import io.haneul.apigateway.store.SqlUsagePlanStore;
import io.haneul.core.wire.Headers;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The contract with the authorizer step before it: for an API whose apiKeySource is AUTHORIZER the
 * key is the one an authorizer put in {@link CallerIdentity#apiKey()}, and the x-api-key header is ignored.
 */
class UsagePlanStepTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    @TempDir
    Path dir;
    Database db;
    UsagePlanStep step;
    String keyValue;
    ObjectNode api;

    @BeforeEach
    void setUp() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        Clock clock = Clock.systemUTC();
        Ids ids = new Ids();
        SqlRestApiStore apis = new SqlRestApiStore(db, JSON);
        SqlUsagePlanStore store = new SqlUsagePlanStore(db, JSON, apis);
        api = JSON.createObjectNode().put("id", "api0000001").put("name", "a").put("apiKeySource", "AUTHORIZER");
        apis.update(tx -> {
            tx.insertApi(ACCOUNT, REGION, api);
            tx.putStage("api0000001", JSON.createObjectNode().put("stageName", "prod").put("deploymentId", "d1"));
            return null;
        });
        UsagePlanService plans = new UsagePlanService(store, apis, clock, ids);
        ApiKeyService keys = new ApiKeyService(store, clock, ids);
        ObjectNode plan = JSON.createObjectNode().put("name", "p");
        plan.putArray("apiStages").addObject().put("apiId", "api0000001").put("stage", "prod");
        String planId = plans.create(ACCOUNT, REGION, plan).get("id").asText();
        ObjectNode key = keys.create(ACCOUNT, REGION, JSON.createObjectNode().put("name", "k").put("enabled", true));
        keyValue = key.get("value").asText();
        plans.addKey(ACCOUNT, REGION, planId, key.get("id").asText(), "API_KEY");
        step = new UsagePlanStep(plans, (a, s) -> apis.read(tx -> tx.stage(a, s)).orElse(null), new TokenBuckets(clock));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    InvokeRequest request(String header, CallerIdentity caller) {
        Headers headers = new Headers();
        if (header != null) {
            headers.set("x-api-key", header);
        }
        ObjectNode resource = JSON.createObjectNode().put("id", "root").put("path", "/");
        ObjectNode method = JSON.createObjectNode().put("httpMethod", "GET").put("apiKeyRequired", true);
        return new InvokeRequest("req", "ext", Instant.now(), "GET", "/", "/prod", "", headers, new byte[0], "127.0.0.1", "localhost",
                ACCOUNT, REGION, "api0000001", "prod", "d1", Map.of(), api, new RouteMatcher.Match(resource, method, Map.of()), caller, null);
    }

    @Test
    void theAuthorizersKeyIsUsed() {
        CallerIdentity fromAuthorizer = new CallerIdentity("user", Map.of("a", "b"), keyValue, null, null, null, null);
        InvokeRequest out = step.apply(request(null, fromAuthorizer));
        assertEquals(keyValue, out.caller().apiKey());
        assertEquals("user", out.caller().principalId(), "what the authorizer found is kept");
        assertEquals(Map.of("a", "b"), out.caller().authorizerContext());
        assertEquals(10, out.caller().apiKeyId().length());
    }

    @Test
    void theHeaderIsIgnored() {
        GatewayFailure f = assertThrows(GatewayFailure.class, () -> step.apply(request(keyValue, CallerIdentity.ANONYMOUS)));
        assertEquals(GatewayResponseType.INVALID_API_KEY, f.type());
        assertEquals("Forbidden", f.getMessage());
        assertEquals("ForbiddenException", f.errorType());
    }
}
