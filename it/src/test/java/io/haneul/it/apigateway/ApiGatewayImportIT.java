package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetExportResponse;
import software.amazon.awssdk.services.apigateway.model.ImportRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.PutMode;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ImportRestApi, PutRestApi and GetExport: AWS's PetStore example (OpenAPI 3.0, YAML, its HTTP
 * integrations pointed at a local backend) imported and invoked over HTTP; Swagger 2.0 base path
 * modes; merge and overwrite; warnings; export in JSON and YAML and re-import; the AWS CLI with
 * files in and out.
 */
class ApiGatewayImportIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static TestServer server;
    static ApiGatewayClient apigw;
    static HttpServer backend;
    static String petstore;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            String in = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String echo = JSON.writeValueAsString(Map.of("method", exchange.getRequestMethod(),
                    "uri", exchange.getRequestURI().toString(), "body", in));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] out = echo.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        backend.start();
        try (InputStream in = ApiGatewayImportIT.class.getResourceAsStream("/apigateway/petstore-oas30.yaml")) {
            petstore = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("BACKEND", "127.0.0.1:" + backend.getAddress().getPort());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        backend.stop(0);
        apigw.close();
        server.close();
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Resource> byPath(String api) {
        return apigw.getResources(b -> b.restApiId(api).embed("methods")).items().stream()
                .collect(Collectors.toMap(Resource::path, r -> r));
    }

    @Test
    void importsThePetStoreAndInvokesIt() throws Exception {
        ImportRestApiResponse imported = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(petstore)));
        String api = imported.id();
        assertEquals("PetStore", imported.name());
        assertTrue(imported.description().startsWith("Your first API"));
        assertEquals(List.of("image/png"), imported.binaryMediaTypes());
        assertEquals(1024, imported.minimumCompressionSize());
        assertFalse(imported.hasWarnings() && !imported.warnings().isEmpty(), () -> imported.warnings().toString());

        Map<String, Resource> resources = byPath(api);
        assertEquals(Set.of("/", "/pets", "/pets/{petId}"), resources.keySet());
        assertEquals(Set.of("GET", "POST", "OPTIONS"), resources.get("/pets").resourceMethods().keySet());
        Method list = resources.get("/pets").resourceMethods().get("GET");
        assertEquals("ListPets", list.operationName());
        assertEquals(Map.of("method.request.querystring.type", false, "method.request.querystring.page", false), list.requestParameters());
        assertEquals(Map.of("application/json", "Pets"), list.methodResponses().get("200").responseModels());
        Integration integration = list.methodIntegration();
        assertEquals("HTTP", integration.typeAsString());
        assertEquals("WHEN_NO_MATCH", integration.passthroughBehavior());
        assertEquals("method.request.querystring.page", integration.requestParameters().get("integration.request.querystring.page"));
        assertEquals("'*'", integration.integrationResponses().get("200").responseParameters()
                .get("method.response.header.Access-Control-Allow-Origin"));
        assertEquals(Map.of("application/json", "NewPet"), resources.get("/pets").resourceMethods().get("POST").requestModels());

        apigw.createDeployment(b -> b.restApiId(api).stageName("test"));
        String base = "/_aws/execute-api/" + api + "/test";

        HttpResponse<String> home = call("GET", base + "/", null);
        assertEquals(200, home.statusCode());
        assertTrue(home.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), home.headers().toString());
        assertTrue(home.body().contains("Welcome to your Pet Store API"), home.body());

        HttpResponse<String> pets = call("GET", base + "/pets?type=dog&page=2", null);
        assertEquals(200, pets.statusCode(), pets.body());
        assertEquals("*", pets.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        JsonNode seen = JSON.readTree(pets.body());
        assertEquals("GET", seen.get("method").asText());
        assertTrue(seen.get("uri").asText().startsWith("/petstore/pets?"), seen.toString());
        assertTrue(seen.get("uri").asText().contains("type=dog") && seen.get("uri").asText().contains("page=2"), seen.toString());

        JsonNode one = JSON.readTree(call("GET", base + "/pets/7", null).body());
        assertEquals("/petstore/pets/7", one.get("uri").asText());

        JsonNode created = JSON.readTree(call("POST", base + "/pets", "{\"type\":\"dog\",\"price\":249.99}").body());
        assertEquals("POST", created.get("method").asText());
        assertEquals("{\"type\":\"dog\",\"price\":249.99}", created.get("body").asText());

        HttpResponse<String> cors = call("OPTIONS", base + "/pets", null);
        assertEquals(200, cors.statusCode());
        assertEquals("POST,GET,OPTIONS", cors.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
    }

    @Test
    void exportsAStageAndImportsTheExportAgain() throws Exception {
        String api = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(petstore))).id();
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));

        GetExportResponse json = apigw.getExport(b -> b.restApiId(api).stageName("prod").exportType("oas30")
                .parameters(Map.of("extensions", "integrations")).accepts("application/json"));
        assertEquals("application/json", json.contentType());
        assertTrue(json.contentDisposition().startsWith("attachment; filename="), json.contentDisposition());
        JsonNode doc = JSON.readTree(json.body().asUtf8String());
        assertEquals("3.0.1", doc.get("openapi").asText());
        assertEquals("PetStore", doc.get("info").get("title").asText());
        assertEquals("prod", doc.get("servers").get(0).get("variables").get("basePath").get("default").asText());
        assertEquals(Set.of("/", "/pets", "/pets/{petId}"), names(doc.get("paths")));
        JsonNode getPet = doc.get("paths").get("/pets/{petId}").get("get");
        assertEquals("path", getPet.get("parameters").get(0).get("in").asText());
        assertEquals("http", getPet.get("x-amazon-apigateway-integration").get("type").asText());
        assertEquals("'*'", getPet.get("x-amazon-apigateway-integration").get("responses").get("default")
                .get("responseParameters").get("method.response.header.Access-Control-Allow-Origin").asText());

        GetExportResponse bare = apigw.getExport(b -> b.restApiId(api).stageName("prod").exportType("swagger"));
        JsonNode swagger = JSON.readTree(bare.body().asUtf8String());
        assertEquals("2.0", swagger.get("swagger").asText());
        assertEquals("/prod", swagger.get("basePath").asText());
        assertFalse(swagger.get("paths").get("/pets").get("get").has("x-amazon-apigateway-integration"));

        GetExportResponse yaml = apigw.getExport(b -> b.restApiId(api).stageName("prod").exportType("oas30")
                .parameters(Map.of("extensions", "apigateway")).accepts("application/yaml"));
        assertEquals("application/yaml", yaml.contentType());
        String text = yaml.body().asUtf8String();
        assertTrue(text.startsWith("openapi: 3.0.1"), text);
        assertTrue(text.contains("x-amazon-apigateway-minimum-compression-size: 1024"), text);

        String again = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(text))).id();
        Map<String, Resource> copy = byPath(again);
        assertEquals(Set.of("/", "/pets", "/pets/{petId}"), copy.keySet());
        assertEquals("HTTP", copy.get("/pets/{petId}").resourceMethods().get("GET").methodIntegration().typeAsString());
        apigw.createDeployment(b -> b.restApiId(again).stageName("copy"));
        assertEquals("/petstore/pets/3", JSON.readTree(call("GET", "/_aws/execute-api/" + again + "/copy/pets/3", null).body())
                .get("uri").asText());

        assertThrows(BadRequestException.class, () -> apigw.getExport(b -> b.restApiId(api).stageName("prod").exportType("raml")));
        assertThrows(software.amazon.awssdk.services.apigateway.model.NotFoundException.class,
                () -> apigw.getExport(b -> b.restApiId(api).stageName("nope").exportType("oas30")));
    }

    static final String SWAGGER = """
            {"swagger": "2.0", "info": {"title": "orders", "version": "1"}, "basePath": "/api/v1",
             "paths": {"/orders": {"get": {"responses": {"200": {"description": "ok"}},
               "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
                 "responses": {"default": {"statusCode": "200", "responseTemplates": {"application/json": "{\\"orders\\": []}"}}}}}}}}
            """;

    @Test
    void basePathModesPlaceTheSwaggerPaths() {
        String ignore = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(SWAGGER))).id();
        assertEquals(Set.of("/", "/orders"), byPath(ignore).keySet());
        String prepend = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(SWAGGER)).parameters(Map.of("basepath", "prepend"))).id();
        assertEquals(Set.of("/", "/api", "/api/v1", "/api/v1/orders"), byPath(prepend).keySet());
        String split = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(SWAGGER)).parameters(Map.of("basepath", "split"))).id();
        assertEquals(Set.of("/", "/v1", "/v1/orders"), byPath(split).keySet());
        String regional = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(SWAGGER))
                .parameters(Map.of("endpointConfigurationTypes", "REGIONAL"))).id();
        assertEquals(List.of("REGIONAL"), apigw.getRestApi(b -> b.restApiId(regional)).endpointConfiguration().typesAsStrings());
        assertThrows(BadRequestException.class,
                () -> apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(SWAGGER)).parameters(Map.of("basepath", "sideways"))));
    }

    @Test
    void putRestApiMergesOrOverwrites() {
        String api = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(petstore))).id();
        apigw.putRestApi(b -> b.restApiId(api).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(SWAGGER)));
        assertEquals(Set.of("/", "/pets", "/pets/{petId}", "/orders"), byPath(api).keySet());
        assertEquals("orders", apigw.getRestApi(b -> b.restApiId(api)).name());

        apigw.putRestApi(b -> b.restApiId(api).mode(PutMode.OVERWRITE).body(SdkBytes.fromUtf8String(SWAGGER)));
        Map<String, Resource> after = byPath(api);
        assertEquals(Set.of("/", "/orders"), after.keySet());
        assertTrue(after.get("/").resourceMethods() == null || after.get("/").resourceMethods().isEmpty());
        assertThrows(software.amazon.awssdk.services.apigateway.model.NotFoundException.class,
                () -> apigw.putRestApi(b -> b.restApiId("nope123456").body(SdkBytes.fromUtf8String(SWAGGER))));
    }

    @Test
    void importedModelsValidatorsAndGatewayResponsesAreStoredAndServed() throws Exception {
        String doc = """
                openapi: 3.0.1
                info: {title: validated, version: "1"}
                x-amazon-apigateway-request-validators:
                  all: {validateRequestBody: true, validateRequestParameters: true}
                x-amazon-apigateway-request-validator: all
                x-amazon-apigateway-gateway-responses:
                  BAD_REQUEST_BODY:
                    statusCode: 422
                    responseTemplates:
                      application/json: '{"problem":"$context.error.responseType"}'
                components:
                  schemas:
                    Pet:
                      type: object
                      required: [name]
                      properties: {name: {type: string}}
                paths:
                  /pets:
                    post:
                      requestBody:
                        content:
                          application/json: {schema: {$ref: "#/components/schemas/Pet"}}
                      responses: {"200": {description: ok}}
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                        responses: {default: {statusCode: "200", responseTemplates: {application/json: '{"ok":true}'}}}
                """;
        String api = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(doc))).id();
        Set<String> models = apigw.getModels(b -> b.restApiId(api)).items().stream()
                .map(software.amazon.awssdk.services.apigateway.model.Model::name).collect(Collectors.toSet());
        assertTrue(models.contains("Pet"), models::toString);
        assertEquals(List.of("all"), apigw.getRequestValidators(b -> b.restApiId(api)).items().stream()
                .map(software.amazon.awssdk.services.apigateway.model.RequestValidator::name).toList());
        assertEquals("422", apigw.getGatewayResponse(b -> b.restApiId(api).responseType("BAD_REQUEST_BODY")).statusCode());
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));

        HttpResponse<String> bad = call("POST", "/_aws/execute-api/" + api + "/v1/pets", "{\"age\": 3}");
        assertEquals(422, bad.statusCode(), bad::body);
        assertEquals("{\"problem\":\"BAD_REQUEST_BODY\"}", bad.body());
        HttpResponse<String> good = call("POST", "/_aws/execute-api/" + api + "/v1/pets", "{\"name\": \"rex\"}");
        assertEquals(200, good.statusCode(), good::body);

        apigw.putRestApi(b -> b.restApiId(api).mode(PutMode.OVERWRITE).body(SdkBytes.fromUtf8String(SWAGGER)));
        Set<String> after = apigw.getModels(b -> b.restApiId(api)).items().stream()
                .map(software.amazon.awssdk.services.apigateway.model.Model::name).collect(Collectors.toSet());
        assertEquals(Set.of("Empty", "Error"), after.stream().filter(n -> !n.equals("Pet")).collect(Collectors.toSet()));
        assertFalse(after.contains("Pet"), after::toString);
        assertTrue(apigw.getRequestValidators(b -> b.restApiId(api)).items().isEmpty());
    }

    @Test
    void warningsAndBadDocuments() {
        String oauth = """
                openapi: 3.0.1
                info: {title: secured, version: "1"}
                components:
                  securitySchemes:
                    oauth: {type: oauth2, flows: {implicit: {authorizationUrl: "https://example.com", scopes: {}}}}
                    key: {type: apiKey, name: x-api-key, in: header}
                paths:
                  /things:
                    get:
                      security: [{oauth: []}]
                      responses: {"200": {description: ok}}
                  /keyed:
                    get:
                      security: [{key: []}]
                      responses: {"200": {description: ok}}
                """;
        ImportRestApiResponse r = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(oauth)));
        assertEquals(1, r.warnings().size(), r.warnings()::toString);
        assertTrue(r.warnings().getFirst().contains("oauth"));
        assertTrue(byPath(r.id()).get("/keyed").resourceMethods().get("GET").apiKeyRequired());
        BadRequestException strict = assertThrows(BadRequestException.class,
                () -> apigw.importRestApi(b -> b.failOnWarnings(true).body(SdkBytes.fromUtf8String(oauth))));
        assertTrue(strict.awsErrorDetails().errorMessage().contains("oauth"));

        assertThrows(BadRequestException.class, () -> apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String("{\"hello\": 1}"))));
        assertThrows(BadRequestException.class, () -> apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String("openapi: [unclosed"))));
        String badPath = SWAGGER.replace("/orders", "/or ders");
        assertThrows(BadRequestException.class, () -> apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(badPath))));
    }

    @Test
    void cliImportsFromAFileAndExportsToAFile() throws Exception {
        Path cli = Processes.onPath("aws", "aws-cli/1.", work).orElse(null);
        assumeTrue(cli != null, "AWS CLI v1 not on PATH");
        Path in = work.resolve("petstore.yaml");
        Files.writeString(in, petstore);
        JsonNode api = aws(cli, "apigateway", "import-rest-api", "--body", "fileb://" + in, "--parameters", "endpointConfigurationTypes=REGIONAL");
        assertEquals("PetStore", api.get("name").asText());
        assertEquals("REGIONAL", api.get("endpointConfiguration").get("types").get(0).asText());
        String id = api.get("id").asText();
        aws(cli, "apigateway", "create-deployment", "--rest-api-id", id, "--stage-name", "dev");
        Path out = work.resolve("export.json");
        JsonNode meta = aws(cli, "apigateway", "get-export", "--rest-api-id", id, "--stage-name", "dev", "--export-type", "swagger",
                "--parameters", "extensions=integrations", out.toString());
        assertEquals("application/json", meta.get("contentType").asText());
        JsonNode exported = JSON.readTree(Files.readString(out));
        assertEquals("2.0", exported.get("swagger").asText());
        assertTrue(exported.get("paths").get("/pets").get("post").has("x-amazon-apigateway-integration"));
    }

    JsonNode aws(Path cli, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--endpoint-url", server.endpoint().toString(),
                "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        Processes.Result r = Processes.run(command, "test", "test", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
