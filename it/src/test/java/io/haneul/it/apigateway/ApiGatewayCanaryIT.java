package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

import java.util.Map;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Canary releases: CreateDeployment with canarySettings on an existing stage, requests routed to the
 * canary by percentTraffic (0 and 100, so that the test is deterministic) with its stage variable
 * overrides and {@code $context.isCanaryRequest}, UpdateStage's canary paths, and promotion with
 * AWS's copy operations.
 */
class ApiGatewayCanaryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TEMPLATE = "{\"version\":\"%s\",\"canary\":\"$!{context.isCanaryRequest}\",\"color\":\"$stageVariables.color\","
            + "\"deployment\":\"$context.deploymentId\"}";
    static TestServer server;
    static ApiGatewayClient apigw;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
    }

    @AfterAll
    static void stop() throws Exception {
        apigw.close();
        server.close();
    }

    static void answer(String api, String resource, String version) {
        apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200")
                .responseTemplates(Map.of("application/json", TEMPLATE.formatted(version))));
    }

    static JsonNode get(String api) throws Exception {
        var r = Invocations.get(server, api, "prod", "/");
        assertEquals(200, r.statusCode(), new String(r.body()));
        return JSON.readTree(r.body());
    }

    @Test
    void canaryTakesItsShareWithItsVariablesAndIsPromoted() throws Exception {
        String api = apigw.createRestApi(b -> b.name("canary")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
        answer(api, root, "one");
        assertThrows(BadRequestException.class, () -> apigw.createDeployment(b -> b.restApiId(api).stageName("prod")
                .canarySettings(c -> c.percentTraffic(50.0))), "a canary needs an existing stage");
        String first = apigw.createDeployment(b -> b.restApiId(api).stageName("prod").variables(Map.of("color", "blue"))).id();
        JsonNode plain = get(api);
        assertEquals("one", plain.get("version").asText());
        assertEquals("", plain.get("canary").asText(), "no canary: $context.isCanaryRequest is absent");

        answer(api, root, "two");
        String second = apigw.createDeployment(b -> b.restApiId(api).stageName("prod")
                .canarySettings(c -> c.percentTraffic(100.0).stageVariableOverrides(Map.of("color", "green")))).id();
        GetStageResponse stage = apigw.getStage(b -> b.restApiId(api).stageName("prod"));
        assertEquals(first, stage.deploymentId(), "the stage keeps its deployment");
        assertEquals(second, stage.canarySettings().deploymentId());
        assertEquals(100.0, stage.canarySettings().percentTraffic());
        assertEquals("green", stage.canarySettings().stageVariableOverrides().get("color"));
        assertFalse(stage.canarySettings().useStageCache());

        JsonNode canary = get(api);
        assertEquals("two", canary.get("version").asText());
        assertEquals("true", canary.get("canary").asText());
        assertEquals("green", canary.get("color").asText());
        assertEquals(second, canary.get("deployment").asText());

        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(op("replace", "/canarySettings/percentTraffic", "0.0")));
        JsonNode base = get(api);
        assertEquals("one", base.get("version").asText());
        assertEquals("false", base.get("canary").asText());
        assertEquals("blue", base.get("color").asText());
        assertThrows(BadRequestException.class, () -> apigw.updateStage(b -> b.restApiId(api).stageName("prod")
                .patchOperations(op("replace", "/canarySettings/percentTraffic", "150"))));
        assertThrows(BadRequestException.class, () -> apigw.updateStage(b -> b.restApiId(api).stageName("prod")
                .patchOperations(op("replace", "/canarySettings/deploymentId", "nope"))));

        // promotion, as AWS documents it
        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                PatchOperation.builder().op("copy").from("/canarySettings/stageVariableOverrides").path("/variables").build(),
                PatchOperation.builder().op("copy").from("/canarySettings/deploymentId").path("/deploymentId").build(),
                op("remove", "/canarySettings", null)));
        GetStageResponse promoted = apigw.getStage(b -> b.restApiId(api).stageName("prod"));
        assertEquals(second, promoted.deploymentId());
        assertNull(promoted.canarySettings());
        assertEquals("green", promoted.variables().get("color"));
        JsonNode after = get(api);
        assertEquals("two", after.get("version").asText());
        assertEquals("", after.get("canary").asText());
    }
}
