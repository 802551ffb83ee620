package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.PutMode;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GetExport with models, authorizers and request validators (OpenAPI 3 and Swagger 2, JSON and
 * YAML), and ImportRestApi / PutRestApi reading them back into an equivalent API.
 */
class ApiGatewayExportItemsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";
    static TestServer server;
    static ApiGatewayClient apigw;
    static String api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
        api = apigw.createRestApi(b -> b.name("items")).id();
        apigw.createModel(b -> b.restApiId(api).name("Pet").contentType("application/json").schema(
                "{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"}}}"));
        String validator = apigw.createRequestValidator(b -> b.restApiId(api).name("body-only").validateRequestBody(true)
                .validateRequestParameters(false)).id();
        String authorizer = apigw.createAuthorizer(b -> b.restApiId(api).name("token-auth").type(AuthorizerType.TOKEN).authorizerUri(URI)
                .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(60)).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String pets = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("pets")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").authorizationType("CUSTOM").authorizerId(authorizer)
                .requestValidatorId(validator).requestModels(Map.of("application/json", "Pet")));
        apigw.putMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").authorizationType("AWS_IAM"));
        for (String method : new String[]{"POST", "GET"}) {
            apigw.putIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod(method).type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(pets).httpMethod(method).statusCode("200")
                    .responseModels(Map.of("application/json", "Pet")));
        }
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
    }

    @AfterAll
    static void stop() throws Exception {
        apigw.close();
        server.close();
    }

    @ParameterizedTest
    @CsvSource({"oas30,application/json", "swagger,application/json", "oas30,application/yaml", "swagger,application/yaml"})
    void exportedItemsImportBack(String type, String accept) throws Exception {
        String text = apigw.getExport(b -> b.restApiId(api).stageName("prod").exportType(type).accepts(accept)
                .parameters(Map.of("extensions", "integrations,authorizers,validators"))).body().asUtf8String();
        if (accept.equals("application/json")) {
            JsonNode doc = JSON.readTree(text);
            boolean oas3 = type.equals("oas30");
            JsonNode schemas = oas3 ? doc.path("components").path("schemas") : doc.path("definitions");
            assertEquals("string", schemas.path("Pet").path("properties").path("name").path("type").asText(), text);
            JsonNode schemes = oas3 ? doc.path("components").path("securitySchemes") : doc.path("securityDefinitions");
            assertEquals(URI, schemes.path("token-auth").path("x-amazon-apigateway-authorizer").path("authorizerUri").asText(), text);
            assertEquals("token", schemes.path("token-auth").path("x-amazon-apigateway-authorizer").path("type").asText());
            assertEquals("awsSigv4", schemes.path("sigv4").path("x-amazon-apigateway-authtype").asText());
            assertTrue(doc.path("x-amazon-apigateway-request-validators").path("body-only").path("validateRequestBody").asBoolean());
            JsonNode post = doc.path("paths").path("/pets").path("post");
            assertEquals("body-only", post.path("x-amazon-apigateway-request-validator").asText());
            assertTrue(post.path("security").toString().contains("token-auth"), post.toString());
        } else {
            assertTrue(text.contains("x-amazon-apigateway-request-validators:"), text);
        }

        String copy = apigw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(text))).id();
        check(copy);
        String replaced = apigw.createRestApi(b -> b.name("replaced")).id();
        apigw.putRestApi(b -> b.restApiId(replaced).mode(PutMode.OVERWRITE).body(SdkBytes.fromUtf8String(text)));
        check(replaced);
    }

    static void check(String copy) {
        Model pet = apigw.getModels(b -> b.restApiId(copy)).items().stream().filter(m -> m.name().equals("Pet")).findFirst().orElseThrow();
        assertTrue(pet.schema().contains("\"name\""), pet.schema());
        RequestValidator validator = apigw.getRequestValidators(b -> b.restApiId(copy)).items().stream()
                .filter(v -> v.name().equals("body-only")).findFirst().orElseThrow();
        assertTrue(validator.validateRequestBody());
        Authorizer authorizer = apigw.getAuthorizers(b -> b.restApiId(copy)).items().stream()
                .filter(a -> a.name().equals("token-auth")).findFirst().orElseThrow();
        assertEquals(URI, authorizer.authorizerUri());
        assertEquals(60, authorizer.authorizerResultTtlInSeconds());
        Resource pets = apigw.getResources(b -> b.restApiId(copy)).items().stream().filter(r -> "/pets".equals(r.path())).findFirst().orElseThrow();
        GetMethodResponse post = apigw.getMethod(b -> b.restApiId(copy).resourceId(pets.id()).httpMethod("POST"));
        assertEquals("CUSTOM", post.authorizationType());
        assertEquals(authorizer.id(), post.authorizerId());
        assertEquals(validator.id(), post.requestValidatorId());
        assertEquals("Pet", post.requestModels().get("application/json"));
        assertEquals("Pet", post.methodResponses().get("200").responseModels().get("application/json"));
        assertEquals("AWS_IAM", apigw.getMethod(b -> b.restApiId(copy).resourceId(pets.id()).httpMethod("GET")).authorizationType());
    }
}
