package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage access logs kept in the store: lines in the stage's format, read as JSON pages from
 * {@code /_haneul/apigateway/access-logs}, still there after the server restarts on its data dir.
 */
class ApiGatewayAccessLogRestartIT {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode page(TestServer server, String query) throws Exception {
        HttpResponse<String> r = Invocations.HTTP.send(HttpRequest.newBuilder(
                server.endpoint().resolve("/_haneul/apigateway/access-logs?" + query)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Every line, following the pages. */
    static List<String> lines(TestServer server, String api) throws Exception {
        return lines(server, api, 2);
    }

    static List<String> lines(TestServer server, String api, int limit) throws Exception {
        List<String> out = new ArrayList<>();
        String position = null;
        do {
            JsonNode p = page(server, "apiId=" + api + "&stage=prod&limit=" + limit + (position == null ? "" : "&position=" + position));
            p.path("items").forEach(i -> out.add(i.path("message").asText()));
            position = p.hasNonNull("position") ? p.get("position").asText() : null;
        } while (position != null);
        return out;
    }

    @Test
    void linesSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory("haneul-apigw-logs");
        String api;
        List<String> ids = new ArrayList<>();
        try (TestServer first = TestServer.startIn(dir, Clock.systemUTC()); ApiGatewayClient apigw = ApiGatewayClients.client(first)) {
            api = apigw.createRestApi(b -> b.name("logged")).id();
            String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
            apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
            apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
                    .responseTemplates(Map.of("application/json", "{}")));
            apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
            apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                    op("replace", "/accessLogSettings/destinationArn", "arn:aws:logs:us-east-1:123456789012:log-group:access"),
                    op("replace", "/accessLogSettings/format", "{\"id\":\"$context.requestId\",\"status\":\"$context.status\"}")));
            for (int i = 0; i < 3; i++) {
                ids.add(Invocations.get(first, api, "prod", "/").headers().firstValue("x-amzn-RequestId").orElseThrow());
            }
            JsonNode firstPage = page(first, "apiId=" + api + "&stage=prod&limit=2");
            assertEquals(2, firstPage.path("items").size());
            assertEquals("2", firstPage.path("position").asText());
            assertEquals(3, lines(first, api).size());
        }
        try (TestServer second = TestServer.startIn(dir, Clock.systemUTC())) {
            List<String> kept = lines(second, api);
            assertEquals(3, kept.size(), String.valueOf(kept));
            for (int i = 0; i < 3; i++) {
                assertEquals("{\"id\":\"" + ids.get(i) + "\",\"status\":\"200\"}", kept.get(i));
            }
            Invocations.get(second, api, "prod", "/");
            assertEquals(4, lines(second, api).size());
            assertFalse(page(second, "apiId=" + api + "&stage=other").path("items").elements().hasNext());
            HttpResponse<String> bad = Invocations.HTTP.send(HttpRequest.newBuilder(
                    second.endpoint().resolve("/_haneul/apigateway/access-logs?apiId=" + api)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("stage"));
        }
    }
}
