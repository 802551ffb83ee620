package io.haneul.it.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.haneul.it.apigatewayv2.V2Clients.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorizers in OpenAPI: ExportApi writes JWT, REQUEST and IAM authorization as
 * {@code components.securitySchemes} with {@code x-amazon-apigateway-authorizer} and each route's
 * {@code security}; ImportApi of that document makes the same authorizers and route authorization.
 */
class ApiGatewayV2OpenApiAuthorizerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static ApiGatewayV2Client v2;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        v2 = V2Clients.client(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void authorizersAreExportedAsSecuritySchemesAndImportedBack() throws Exception {
        String api = v2.createApi(b -> b.name("secured").protocolType(ProtocolType.HTTP)).apiId();
        String integration = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("ANY")
                .integrationUri("https://example.com/{proxy}").payloadFormatVersion("1.0")).integrationId();
        String jwt = v2.createAuthorizer(b -> b.apiId(api).name("cognito").authorizerType(AuthorizerType.JWT)
                .identitySource("$request.header.Authorization").jwtConfiguration(j -> j.issuer("https://issuer.example.com").audience("app"))).authorizerId();
        String function = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:" + ACCOUNT
                + ":function:auth/invocations";
        String lambda = v2.createAuthorizer(b -> b.apiId(api).name("custom").authorizerType(AuthorizerType.REQUEST)
                .identitySource("$request.header.X-Token").authorizerUri(function).authorizerPayloadFormatVersion("2.0")
                .enableSimpleResponses(true).authorizerResultTtlInSeconds(60)).authorizerId();
        v2.createRoute(b -> b.apiId(api).routeKey("GET /jwt").authorizationType(AuthorizationType.JWT).authorizerId(jwt)
                .authorizationScopes("read").target("integrations/" + integration));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /lambda").authorizationType(AuthorizationType.CUSTOM).authorizerId(lambda)
                .target("integrations/" + integration));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /iam").authorizationType(AuthorizationType.AWS_IAM).target("integrations/" + integration));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /open").target("integrations/" + integration));

        String exported = v2.exportApi(b -> b.apiId(api).specification("OAS30").outputType("JSON").includeExtensions(true)).body().asUtf8String();
        JsonNode doc = JSON.readTree(exported);
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals("oauth2", schemes.path("cognito").path("type").asText());
        JsonNode jwtX = schemes.path("cognito").path("x-amazon-apigateway-authorizer");
        assertEquals("jwt", jwtX.path("type").asText());
        assertEquals("https://issuer.example.com", jwtX.path("jwtConfiguration").path("issuer").asText());
        assertEquals("$request.header.Authorization", jwtX.path("identitySource").asText());
        JsonNode customX = schemes.path("custom").path("x-amazon-apigateway-authorizer");
        assertEquals("request", customX.path("type").asText());
        assertEquals(function, customX.path("authorizerUri").asText());
        assertTrue(customX.path("enableSimpleResponses").asBoolean());
        assertEquals("X-Token", schemes.path("custom").path("name").asText());
        assertEquals("awsSigv4", schemes.path("sigv4").path("x-amazon-apigateway-authtype").asText());
        assertEquals("read", doc.path("paths").path("/jwt").path("get").path("security").path(0).path("cognito").path(0).asText());
        assertTrue(doc.path("paths").path("/iam").path("get").path("security").path(0).has("sigv4"));
        assertFalse(doc.path("paths").path("/open").path("get").has("security"));

        String copy = v2.importApi(b -> b.body(exported)).apiId();
        Map<String, Authorizer> authorizers = v2.getAuthorizers(b -> b.apiId(copy)).items().stream()
                .collect(Collectors.toMap(Authorizer::name, Function.identity()));
        assertEquals(AuthorizerType.JWT, authorizers.get("cognito").authorizerType());
        assertEquals(List.of("app"), authorizers.get("cognito").jwtConfiguration().audience());
        assertEquals(AuthorizerType.REQUEST, authorizers.get("custom").authorizerType());
        assertEquals(60, authorizers.get("custom").authorizerResultTtlInSeconds());
        assertEquals(List.of("$request.header.X-Token"), authorizers.get("custom").identitySource());
        Map<String, Route> routes = v2.getRoutes(b -> b.apiId(copy)).items().stream().collect(Collectors.toMap(Route::routeKey, Function.identity()));
        assertEquals(AuthorizationType.JWT, routes.get("GET /jwt").authorizationType());
        assertEquals(authorizers.get("cognito").authorizerId(), routes.get("GET /jwt").authorizerId());
        assertEquals(List.of("read"), routes.get("GET /jwt").authorizationScopes());
        assertEquals(AuthorizationType.CUSTOM, routes.get("GET /lambda").authorizationType());
        assertEquals(AuthorizationType.AWS_IAM, routes.get("GET /iam").authorizationType());
        assertEquals(AuthorizationType.NONE, routes.get("GET /open").authorizationType());

        String yaml = v2.exportApi(b -> b.apiId(copy).specification("OAS30").outputType("YAML")).body().asUtf8String();
        assertTrue(yaml.contains("x-amazon-apigateway-authorizer"), yaml);
        v2.reimportApi(b -> b.apiId(copy).body(yaml));
        assertEquals(2, v2.getAuthorizers(b -> b.apiId(copy)).items().size());
    }
}
