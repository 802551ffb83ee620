package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetSdkResponse;
import software.amazon.awssdk.services.apigateway.model.GetSdkTypeResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.SdkType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SDK generation: GetSdkTypes and GetSdkType as AWS lists them, GetSdk's checks (unknown type,
 * required configuration properties, types Haneul does not generate) and a generated JavaScript
 * client that Node runs against the deployed stage.
 */
class ApiGatewaySdkIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static ApiGatewayClient apigw;
    static String api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
        api = apigw.createRestApi(b -> b.name("pet store")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String pets = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("pets")).id();
        String pet = apigw.createResource(b -> b.restApiId(api).parentId(pets).pathPart("{petId}")).id();
        mock(pets, "GET", Map.of("method.request.querystring.kind", false), "{\"list\":\"$input.params('kind')\"}");
        mock(pets, "POST", Map.of(), "{\"created\":\"$context.httpMethod\"}");
        mock(pet, "GET", Map.of(), "{\"pet\":\"$input.params('petId')\",\"extra\":\"$input.params('x')\"}");
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
    }

    @AfterAll
    static void stop() throws Exception {
        apigw.close();
        server.close();
    }

    static void mock(String resource, String method, Map<String, Boolean> params, String template) {
        apigw.putMethod(b -> b.restApiId(api).resourceId(resource).httpMethod(method).authorizationType("NONE").requestParameters(params));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod(method).type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(resource).httpMethod(method).statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(resource).httpMethod(method).statusCode("200")
                .responseTemplates(Map.of("application/json", template)));
    }

    @Test
    void sdkTypesAreListedAsAwsListsThem() {
        List<SdkType> types = apigw.getSdkTypes(b -> b.limit(100)).items();
        assertEquals(List.of("android", "java", "javascript", "objectivec", "ruby", "swift"), types.stream().map(SdkType::id).toList());
        GetSdkTypeResponse swift = apigw.getSdkType(b -> b.id("swift"));
        assertEquals("classPrefix", swift.configurationProperties().getFirst().name());
        assertTrue(swift.configurationProperties().getFirst().required());
        assertEquals(4, apigw.getSdkType(b -> b.id("android")).configurationProperties().size());
        assertThrows(NotFoundException.class, () -> apigw.getSdkType(b -> b.id("cobol")));
        assertEquals(2, apigw.getSdkTypes(b -> b.limit(2)).items().size());
    }

    @Test
    void getSdkChecksItsInput() {
        assertThrows(NotFoundException.class, () -> apigw.getSdk(b -> b.restApiId(api).stageName("prod").sdkType("cobol")));
        assertThrows(NotFoundException.class, () -> apigw.getSdk(b -> b.restApiId(api).stageName("nope").sdkType("javascript")));
        BadRequestException missing = assertThrows(BadRequestException.class,
                () -> apigw.getSdk(b -> b.restApiId(api).stageName("prod").sdkType("objectivec")));
        assertTrue(missing.getMessage().contains("classPrefix"), missing.getMessage());
        BadRequestException notGenerated = assertThrows(BadRequestException.class,
                () -> apigw.getSdk(b -> b.restApiId(api).stageName("prod").sdkType("swift").parameters(Map.of("classPrefix", "Pet"))));
        assertTrue(notGenerated.getMessage().contains("javascript"), notGenerated.getMessage());
    }

    @Test
    void theJavaScriptSdkCallsTheStage() throws Exception {
        GetSdkResponse sdk = apigw.getSdk(b -> b.restApiId(api).stageName("prod").sdkType("javascript"));
        assertTrue(sdk.contentDisposition().contains(".zip"));
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(sdk.body().asByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        String client = files.get("apiGateway-js-sdk/apigClient.js");
        assertTrue(client != null && client.contains("petsPetIdGet") && client.contains("petsPost") && client.contains("petsGet"),
                String.valueOf(files.keySet()));
        assertTrue(files.get("apiGateway-js-sdk/README.md").contains("petsPetIdGet"));

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "Node runs the generated client");
        Path dir = Files.createTempDirectory("sdk");
        Files.writeString(dir.resolve("apigClient.js"), client);
        Files.writeString(dir.resolve("run.js"), """
                const factory = require('./apigClient.js');
                const c = factory.newClient();
                (async () => {
                  const out = {};
                  out.list = (await c.petsGet({kind: 'cat'})).data;
                  out.pet = (await c.petsPetIdGet({petId: 'a b'}, null, {queryParams: {x: '1'}})).data;
                  out.created = (await c.petsPost({}, {name: 'Rex'})).data;
                  console.log(JSON.stringify(out));
                })().catch(e => { console.error(e); process.exit(1); });
                """);
        Process node = new ProcessBuilder("/usr/bin/node", "run.js").directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), out);
        JsonNode result = JSON.readTree(out);
        assertEquals("cat", result.path("list").path("list").asText());
        assertEquals("a b", result.path("pet").path("pet").asText());
        assertEquals("1", result.path("pet").path("extra").asText());
        assertEquals("POST", result.path("created").path("created").asText());
    }
}
