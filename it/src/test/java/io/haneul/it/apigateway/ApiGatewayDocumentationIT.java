package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.DocumentationPart;
import software.amazon.awssdk.services.apigateway.model.DocumentationPartType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.PutMode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Documentation parts and versions with the SDK, ImportDocumentationParts, and parts that come with ImportRestApi. */
class ApiGatewayDocumentationIT {

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

    static final String DOCUMENTED = """
            {"swagger": "2.0", "info": {"title": "documented", "version": "1"},
             "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok"}},
               "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"}}}}},
             "x-amazon-apigateway-documentation": {"version": "1.0", "documentationParts": [
               {"location": {"type": "API"}, "properties": {"description": "The pet API"}},
               {"location": {"type": "METHOD", "path": "/pets", "method": "GET"}, "properties": {"summary": "List pets"}}]}}
            """;

    @Test
    void partsAndVersions() {
        String api = apigw.createRestApi(b -> b.name("docs")).id();
        var part = apigw.createDocumentationPart(b -> b.restApiId(api)
                .location(l -> l.type(DocumentationPartType.METHOD).path("/pets").method("GET"))
                .properties("{\"description\": \"Lists pets\"}"));
        assertEquals("{\"description\": \"Lists pets\"}", part.properties());
        var responsePart = apigw.createDocumentationPart(b -> b.restApiId(api)
                .location(l -> l.type(DocumentationPartType.RESPONSE)).properties("{\"description\": \"any response\"}"));
        assertEquals("/", responsePart.location().path());
        assertEquals("*", responsePart.location().method());
        assertEquals("*", responsePart.location().statusCode());
        apigw.createDocumentationPart(b -> b.restApiId(api).location(l -> l.type(DocumentationPartType.MODEL).name("Pet"))
                .properties("{\"title\": \"Pet\"}"));

        assertThrows(ConflictException.class, () -> apigw.createDocumentationPart(b -> b.restApiId(api)
                .location(l -> l.type(DocumentationPartType.METHOD).path("/pets").method("GET")).properties("{}")));
        assertThrows(BadRequestException.class, () -> apigw.createDocumentationPart(b -> b.restApiId(api)
                .location(l -> l.type(DocumentationPartType.API)).properties("not json")));

        assertEquals(3, apigw.getDocumentationParts(b -> b.restApiId(api)).items().size());
        assertEquals(List.of(part.id()), apigw.getDocumentationParts(b -> b.restApiId(api).type(DocumentationPartType.METHOD)).items()
                .stream().map(DocumentationPart::id).toList());
        assertEquals(1, apigw.getDocumentationParts(b -> b.restApiId(api).nameQuery("pe")).items().size());

        var updated = apigw.updateDocumentationPart(b -> b.restApiId(api).documentationPartId(part.id())
                .patchOperations(op("replace", "/properties", "{\"description\": \"Lists all pets\"}")));
        assertEquals("{\"description\": \"Lists all pets\"}", updated.properties());
        assertEquals(updated.properties(), apigw.getDocumentationPart(b -> b.restApiId(api).documentationPartId(part.id())).properties());
        apigw.deleteDocumentationPart(b -> b.restApiId(api).documentationPartId(part.id()));
        assertThrows(NotFoundException.class, () -> apigw.getDocumentationPart(b -> b.restApiId(api).documentationPartId(part.id())));

        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));

        var version = apigw.createDocumentationVersion(b -> b.restApiId(api).documentationVersion("1.0").stageName("prod").description("first"));
        assertEquals("1.0", version.version());
        assertEquals("first", version.description());
        assertEquals("1.0", apigw.getStage(b -> b.restApiId(api).stageName("prod")).documentationVersion());
        assertThrows(ConflictException.class, () -> apigw.createDocumentationVersion(b -> b.restApiId(api).documentationVersion("1.0")));
        apigw.createDocumentationVersion(b -> b.restApiId(api).documentationVersion("1.1"));
        assertEquals(Set.of("1.0", "1.1"), apigw.getDocumentationVersions(b -> b.restApiId(api)).items().stream()
                .map(v -> v.version()).collect(Collectors.toSet()));
        assertEquals("second", apigw.updateDocumentationVersion(b -> b.restApiId(api).documentationVersion("1.1")
                .patchOperations(op("replace", "/description", "second"))).description());
        apigw.deleteDocumentationVersion(b -> b.restApiId(api).documentationVersion("1.1"));
        assertThrows(NotFoundException.class, () -> apigw.getDocumentationVersion(b -> b.restApiId(api).documentationVersion("1.1")));
        assertThrows(NotFoundException.class, () -> apigw.getDocumentationParts(b -> b.restApiId("missing123")));
    }

    @Test
    void importedDocumentation() {
        String api = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(DOCUMENTED))).id();
        Map<String, String> byType = apigw.getDocumentationParts(b -> b.restApiId(api)).items().stream()
                .collect(Collectors.toMap(p -> p.location().typeAsString(), DocumentationPart::properties));
        assertEquals(Set.of("API", "METHOD"), byType.keySet());
        assertTrue(byType.get("METHOD").contains("List pets"), byType::toString);

        String ignored = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(DOCUMENTED)).parameters(Map.of("ignore", "documentation"))).id();
        assertTrue(apigw.getDocumentationParts(b -> b.restApiId(ignored)).items().isEmpty());

        String other = apigw.createRestApi(b -> b.name("other")).id();
        apigw.createDocumentationPart(b -> b.restApiId(other).location(l -> l.type(DocumentationPartType.MODEL).name("Old")).properties("{}"));
        var merged = apigw.importDocumentationParts(b -> b.restApiId(other).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(DOCUMENTED)));
        assertEquals(2, merged.ids().size());
        assertEquals(3, apigw.getDocumentationParts(b -> b.restApiId(other)).items().size());
        apigw.importDocumentationParts(b -> b.restApiId(other).mode(PutMode.OVERWRITE).body(SdkBytes.fromUtf8String(DOCUMENTED)));
        assertEquals(2, apigw.getDocumentationParts(b -> b.restApiId(other)).items().size());
    }
}
