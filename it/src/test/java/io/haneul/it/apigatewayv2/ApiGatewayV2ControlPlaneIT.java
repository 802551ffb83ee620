package io.haneul.it.apigatewayv2;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apigatewayv2 control plane with the SDK v2 client: APIs (HTTP and WebSocket, quick create),
 * routes and route responses, integrations, stages and deployments, authorizers, models, domain
 * names and API mappings, VPC links and tags, with AWS's errors for bad input.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayV2ControlPlaneIT {

    static TestServer server;
    static ApiGatewayV2Client v2;

    @BeforeAll
    void start() {
        server = newServer();
        v2 = V2Clients.client(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private static String httpApi(String name) {
        return v2.createApi(b -> b.name(name).protocolType(ProtocolType.HTTP)).apiId();
    }

    @Test
    void httpApiIsCreatedWithAwsDefaultsAndListedUpdatedDeleted() {
        CreateApiResponse created = v2.createApi(b -> b.name("orders").protocolType(ProtocolType.HTTP).description("d")
                .corsConfiguration(c -> c.allowOrigins("https://example.com").allowMethods("GET")).tags(Map.of("team", "a")));
        assertEquals(10, created.apiId().length());
        assertEquals("$request.method $request.path", created.routeSelectionExpression());
        assertEquals("$request.header.x-api-key", created.apiKeySelectionExpression());
        assertTrue(created.apiEndpoint().startsWith("http://" + created.apiId() + ".execute-api."), created.apiEndpoint());
        assertFalse(created.disableExecuteApiEndpoint());
        assertNotNull(created.createdDate());

        GetApiResponse got = v2.getApi(b -> b.apiId(created.apiId()));
        assertEquals("orders", got.name());
        assertEquals(List.of("https://example.com"), got.corsConfiguration().allowOrigins());
        assertEquals(Map.of("team", "a"), got.tags());
        assertTrue(v2.getApis(b -> b.maxResults("500")).items().stream().anyMatch(a -> a.apiId().equals(created.apiId())));

        UpdateApiResponse updated = v2.updateApi(b -> b.apiId(created.apiId()).name("orders-2"));
        assertEquals("orders-2", updated.name());
        assertEquals("d", updated.description());

        v2.deleteCorsConfiguration(b -> b.apiId(created.apiId()));
        assertNull(v2.getApi(b -> b.apiId(created.apiId())).corsConfiguration());

        v2.deleteApi(b -> b.apiId(created.apiId()));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> v2.getApi(b -> b.apiId(created.apiId())));
        assertTrue(gone.getMessage().contains("Invalid API identifier specified"), gone.getMessage());
    }

    @Test
    void badApisAreRejected() {
        assertThrows(BadRequestException.class, () -> v2.createApi(b -> b.name("x").protocolType("SOAP")));
        assertThrows(BadRequestException.class, () -> v2.createApi(b -> b.name("ws").protocolType(ProtocolType.WEBSOCKET)));
        assertThrows(BadRequestException.class, () -> v2.createApi(b -> b.name("x").protocolType(ProtocolType.HTTP).routeKey("GET /a")));
        assertThrows(NotFoundException.class, () -> V2Clients.client(server, "999999999999").getApi(b -> b.apiId(httpApi("mine"))));
    }

    @Test
    void quickCreateMakesIntegrationRouteAndAutoDeployedDefaultStage() {
        String apiId = v2.createApi(b -> b.name("quick").protocolType(ProtocolType.HTTP)
                .target("arn:aws:lambda:us-east-1:123456789012:function:f").routeKey("POST /orders")).apiId();
        List<Route> routes = v2.getRoutes(b -> b.apiId(apiId)).items();
        assertEquals(1, routes.size());
        assertEquals("POST /orders", routes.get(0).routeKey());
        Integration integration = v2.getIntegrations(b -> b.apiId(apiId)).items().get(0);
        assertEquals("integrations/" + integration.integrationId(), routes.get(0).target());
        assertEquals(IntegrationType.AWS_PROXY, integration.integrationType());
        assertEquals("2.0", integration.payloadFormatVersion());
        GetStageResponse stage = v2.getStage(b -> b.apiId(apiId).stageName("$default"));
        assertTrue(stage.autoDeploy());
    }

    @Test
    void routesIntegrationsAndTheirChecks() {
        String apiId = httpApi("routes");
        CreateIntegrationResponse integration = v2.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
                .integrationMethod("GET").integrationUri("https://example.com/{proxy}").payloadFormatVersion("1.0"));
        assertEquals(30000, integration.timeoutInMillis());
        assertEquals(ConnectionType.INTERNET, integration.connectionType());
        CreateRouteResponse route = v2.createRoute(b -> b.apiId(apiId).routeKey("GET /pets/{id}")
                .target("integrations/" + integration.integrationId()));
        assertEquals(AuthorizationType.NONE, route.authorizationType());
        assertFalse(route.apiKeyRequired());
        assertThrows(ConflictException.class, () -> v2.createRoute(b -> b.apiId(apiId).routeKey("GET /pets/{id}")));
        assertThrows(BadRequestException.class, () -> v2.createRoute(b -> b.apiId(apiId).routeKey("FETCH /pets")));
        assertThrows(BadRequestException.class, () -> v2.createRoute(b -> b.apiId(apiId).routeKey("GET /a/{p+}/b")));
        assertThrows(BadRequestException.class, () -> v2.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)));
        assertThrows(BadRequestException.class, () -> v2.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
                .integrationUri("https://x").timeoutInMillis(40000)));
        assertThrows(ConflictException.class, () -> v2.deleteIntegration(b -> b.apiId(apiId).integrationId(integration.integrationId())));

        UpdateRouteResponse updated = v2.updateRoute(b -> b.apiId(apiId).routeId(route.routeId()).routeKey("ANY /pets/{proxy+}")
                .requestParameters(Map.of("route.request.querystring.q", ParameterConstraints.builder().required(true).build())));
        assertEquals("ANY /pets/{proxy+}", updated.routeKey());
        assertEquals("integrations/" + integration.integrationId(), updated.target());
        v2.deleteRouteRequestParameter(b -> b.apiId(apiId).routeId(route.routeId()).requestParameterKey("route.request.querystring.q"));
        assertTrue(v2.getRoute(b -> b.apiId(apiId).routeId(route.routeId())).requestParameters().isEmpty());
        assertThrows(BadRequestException.class, () -> v2.createRouteResponse(b -> b.apiId(apiId).routeId(route.routeId())
                .routeResponseKey("$default")));

        v2.deleteRoute(b -> b.apiId(apiId).routeId(route.routeId()));
        assertThrows(NotFoundException.class, () -> v2.getRoute(b -> b.apiId(apiId).routeId(route.routeId())));
        v2.deleteIntegration(b -> b.apiId(apiId).integrationId(integration.integrationId()));
        assertTrue(v2.getIntegrations(b -> b.apiId(apiId)).items().isEmpty());
    }

    @Test
    void webSocketApiKeepsItsSelectionExpressionsAndTwoWayRoutes() {
        CreateApiResponse api = v2.createApi(b -> b.name("chat").protocolType(ProtocolType.WEBSOCKET)
                .routeSelectionExpression("$request.body.action"));
        assertEquals("$request.body.action", api.routeSelectionExpression());
        assertTrue(api.apiEndpoint().startsWith("ws://"), api.apiEndpoint());
        String route = v2.createRoute(b -> b.apiId(api.apiId()).routeKey("$connect").routeResponseSelectionExpression("$default")).routeId();
        CreateRouteResponseResponse rr = v2.createRouteResponse(b -> b.apiId(api.apiId()).routeId(route).routeResponseKey("$default"));
        assertEquals("$default", v2.getRouteResponse(b -> b.apiId(api.apiId()).routeId(route).routeResponseId(rr.routeResponseId())).routeResponseKey());
        String integration = v2.createIntegration(b -> b.apiId(api.apiId()).integrationType(IntegrationType.MOCK)
                .requestTemplates(Map.of("200", "{\"statusCode\":200}")).templateSelectionExpression("200")).integrationId();
        CreateIntegrationResponseResponse ir = v2.createIntegrationResponse(b -> b.apiId(api.apiId()).integrationId(integration)
                .integrationResponseKey("/200/"));
        assertEquals(1, v2.getIntegrationResponses(b -> b.apiId(api.apiId()).integrationId(integration)).items().size());
        v2.deleteIntegrationResponse(b -> b.apiId(api.apiId()).integrationId(integration).integrationResponseId(ir.integrationResponseId()));
        assertEquals(29000, v2.getIntegration(b -> b.apiId(api.apiId()).integrationId(integration)).timeoutInMillis());
        CreateModelResponse model = v2.createModel(b -> b.apiId(api.apiId()).name("Msg").contentType("application/json").schema("{\"type\":\"object\"}"));
        assertEquals("Msg", v2.getModel(b -> b.apiId(api.apiId()).modelId(model.modelId())).name());
        assertThrows(ConflictException.class, () -> v2.createModel(b -> b.apiId(api.apiId()).name("Msg").schema("{}")));
    }

    @Test
    void stagesAndDeployments() {
        String apiId = httpApi("stages");
        CreateDeploymentResponse d = v2.createDeployment(b -> b.apiId(apiId).description("first"));
        assertEquals(DeploymentStatus.DEPLOYED, d.deploymentStatus());
        CreateStageResponse stage = v2.createStage(b -> b.apiId(apiId).stageName("prod").deploymentId(d.deploymentId())
                .stageVariables(Map.of("v", "1")).accessLogSettings(a -> a.destinationArn("arn:aws:logs:us-east-1:1:log-group:g").format("$context.requestId"))
                .routeSettings(Map.of("GET /a", RouteSettings.builder().throttlingRateLimit(1.0).throttlingBurstLimit(1).build())));
        assertEquals(d.deploymentId(), stage.deploymentId());
        assertThrows(ConflictException.class, () -> v2.createStage(b -> b.apiId(apiId).stageName("prod")));
        assertThrows(NotFoundException.class, () -> v2.createStage(b -> b.apiId(apiId).stageName("x").deploymentId("nope")));
        CreateDeploymentResponse d2 = v2.createDeployment(b -> b.apiId(apiId).stageName("prod"));
        assertEquals(d2.deploymentId(), v2.getStage(b -> b.apiId(apiId).stageName("prod")).deploymentId());
        assertEquals(2, v2.getDeployments(b -> b.apiId(apiId)).items().size());
        assertEquals(1, v2.getDeployments(b -> b.apiId(apiId).maxResults("1")).items().size());
        assertThrows(BadRequestException.class, () -> v2.deleteDeployment(b -> b.apiId(apiId).deploymentId(d2.deploymentId())));
        v2.deleteDeployment(b -> b.apiId(apiId).deploymentId(d.deploymentId()));

        v2.deleteAccessLogSettings(b -> b.apiId(apiId).stageName("prod"));
        v2.deleteRouteSettings(b -> b.apiId(apiId).stageName("prod").routeKey("GET /a"));
        GetStageResponse after = v2.getStage(b -> b.apiId(apiId).stageName("prod"));
        assertNull(after.accessLogSettings());
        assertTrue(after.routeSettings().isEmpty());
        assertEquals("2", v2.updateStage(b -> b.apiId(apiId).stageName("prod").stageVariables(Map.of("v", "2"))).stageVariables().get("v"));

        v2.createStage(b -> b.apiId(apiId).stageName("auto").autoDeploy(true));
        assertThrows(BadRequestException.class, () -> v2.createDeployment(b -> b.apiId(apiId).stageName("auto")));
        v2.deleteStage(b -> b.apiId(apiId).stageName("auto"));
        assertEquals(1, v2.getStages(b -> b.apiId(apiId)).items().size());
    }

    @Test
    void authorizers() {
        String apiId = httpApi("auth");
        CreateAuthorizerResponse jwt = v2.createAuthorizer(b -> b.apiId(apiId).name("jwt").authorizerType(AuthorizerType.JWT)
                .identitySource("$request.header.Authorization")
                .jwtConfiguration(j -> j.issuer("https://issuer.example.com").audience("aud")));
        assertEquals("https://issuer.example.com", v2.getAuthorizer(b -> b.apiId(apiId).authorizerId(jwt.authorizerId())).jwtConfiguration().issuer());
        assertThrows(BadRequestException.class, () -> v2.createAuthorizer(b -> b.apiId(apiId).name("bad").authorizerType(AuthorizerType.JWT)
                .identitySource("$request.header.Authorization")));
        assertThrows(BadRequestException.class, () -> v2.createAuthorizer(b -> b.apiId(apiId).name("req").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations")));
        CreateAuthorizerResponse req = v2.createAuthorizer(b -> b.apiId(apiId).name("req").authorizerType(AuthorizerType.REQUEST)
                .authorizerPayloadFormatVersion("2.0").enableSimpleResponses(true).identitySource("$request.header.token")
                .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations"));
        assertEquals(2, v2.getAuthorizers(b -> b.apiId(apiId)).items().size());
        assertEquals("renamed", v2.updateAuthorizer(b -> b.apiId(apiId).authorizerId(req.authorizerId()).name("renamed")).name());
        assertThrows(BadRequestException.class, () -> v2.createRoute(b -> b.apiId(apiId).routeKey("GET /x").authorizationType(AuthorizationType.JWT)));
        v2.deleteAuthorizer(b -> b.apiId(apiId).authorizerId(req.authorizerId()));
        assertThrows(NotFoundException.class, () -> v2.getAuthorizer(b -> b.apiId(apiId).authorizerId(req.authorizerId())));
    }

    @Test
    void domainNamesMappingsVpcLinksAndTags() {
        String apiId = httpApi("domains");
        v2.createStage(b -> b.apiId(apiId).stageName("prod"));
        CreateDomainNameResponse domain = v2.createDomainName(b -> b.domainName("api.example.com")
                .domainNameConfigurations(c -> c.certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc")));
        assertEquals(DomainNameStatus.AVAILABLE, domain.domainNameConfigurations().get(0).domainNameStatus());
        assertTrue(domain.domainNameConfigurations().get(0).apiGatewayDomainName().endsWith(".execute-api.us-east-1.amazonaws.com"));
        assertThrows(ConflictException.class, () -> v2.createDomainName(b -> b.domainName("api.example.com")));
        CreateApiMappingResponse mapping = v2.createApiMapping(b -> b.domainName("api.example.com").apiId(apiId).stage("prod").apiMappingKey("v1"));
        assertEquals("v1", v2.getApiMapping(b -> b.domainName("api.example.com").apiMappingId(mapping.apiMappingId())).apiMappingKey());
        assertEquals(1, v2.getApiMappings(b -> b.domainName("api.example.com")).items().size());
        assertThrows(NotFoundException.class, () -> v2.createApiMapping(b -> b.domainName("api.example.com").apiId(apiId).stage("nope")));
        v2.deleteApiMapping(b -> b.domainName("api.example.com").apiMappingId(mapping.apiMappingId()));
        v2.deleteDomainName(b -> b.domainName("api.example.com"));
        assertThrows(NotFoundException.class, () -> v2.getDomainName(b -> b.domainName("api.example.com")));

        CreateVpcLinkResponse link = v2.createVpcLink(b -> b.name("link").subnetIds("subnet-1"));
        assertEquals(VpcLinkStatus.AVAILABLE, link.vpcLinkStatus());
        assertEquals("renamed", v2.updateVpcLink(b -> b.vpcLinkId(link.vpcLinkId()).name("renamed")).name());

        String arn = "arn:aws:apigateway:us-east-1::/apis/" + apiId;
        v2.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
        v2.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertEquals(Map.of("b", "2"), v2.getTags(b -> b.resourceArn(arn)).tags());
        String linkArn = "arn:aws:apigateway:us-east-1::/vpclinks/" + link.vpcLinkId();
        v2.tagResource(b -> b.resourceArn(linkArn).tags(Map.of("k", "v")));
        assertEquals(Map.of("k", "v"), v2.getVpcLink(b -> b.vpcLinkId(link.vpcLinkId())).tags());
        assertThrows(BadRequestException.class, () -> v2.getTags(b -> b.resourceArn("arn:nope")));
        v2.deleteVpcLink(b -> b.vpcLinkId(link.vpcLinkId()));
        assertThrows(NotFoundException.class, () -> v2.getVpcLink(b -> b.vpcLinkId(link.vpcLinkId())));
    }

    static final String OPENAPI = """
            openapi: 3.0.1
            info:
              title: imported
              version: "2024-01-01"
            x-amazon-apigateway-cors:
              allowOrigins: ["https://a.example.com"]
            paths:
              /pets/{id}:
                get:
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: GET
                    uri: https://backend.example.com/pets/{id}
                    payloadFormatVersion: "1.0"
              /$default:
                x-amazon-apigateway-any-method:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    uri: arn:aws:lambda:us-east-1:123456789012:function:f
                    payloadFormatVersion: "2.0"
            """;

    @Test
    void importReimportAndExportOpenApi() throws Exception {
        ImportApiResponse imported = v2.importApi(b -> b.body(OPENAPI));
        assertEquals("imported", imported.name());
        assertEquals(List.of("https://a.example.com"), imported.corsConfiguration().allowOrigins());
        List<Route> routes = v2.getRoutes(b -> b.apiId(imported.apiId())).items();
        assertEquals(java.util.Set.of("GET /pets/{id}", "$default"), routes.stream().map(Route::routeKey).collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, v2.getIntegrations(b -> b.apiId(imported.apiId())).items().size());

        String exported = v2.exportApi(b -> b.apiId(imported.apiId()).specification("OAS30").outputType("JSON")).body().asUtf8String();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exported);
        assertEquals("3.0.1", doc.get("openapi").asText());
        assertEquals("1.0", doc.get("x-amazon-apigateway-importexport-version").asText());
        assertEquals("http_proxy", doc.at("/paths/~1pets~1{id}/get/x-amazon-apigateway-integration/type").asText());
        assertEquals("id", doc.at("/paths/~1pets~1{id}/get/parameters/0/name").asText());
        assertEquals("aws_proxy", doc.at("/paths/~1$default/x-amazon-apigateway-any-method/x-amazon-apigateway-integration/type").asText());
        assertThrows(BadRequestException.class, () -> v2.exportApi(b -> b.apiId(imported.apiId()).specification("OAS20").outputType("JSON")));

        v2.reimportApi(b -> b.apiId(imported.apiId()).body(OPENAPI.replace("/pets/{id}", "/cats/{id}").replace("title: imported", "title: again")));
        assertEquals("again", v2.getApi(b -> b.apiId(imported.apiId())).name());
        assertTrue(v2.getRoutes(b -> b.apiId(imported.apiId())).items().stream().anyMatch(r -> r.routeKey().equals("GET /cats/{id}")));
        assertEquals(2, v2.getRoutes(b -> b.apiId(imported.apiId())).items().size());
        assertThrows(BadRequestException.class, () -> v2.importApi(b -> b.body("not: [an openapi")));
    }

    @Test
    void routingRulesOfADomainName() {
        String apiId = httpApi("rules");
        v2.createStage(b -> b.apiId(apiId).stageName("prod"));
        v2.createDomainName(b -> b.domainName("rules.example.com"));
        CreateRoutingRuleResponse rule = v2.createRoutingRule(b -> b.domainName("rules.example.com").priority(10)
                .conditions(c -> c.matchBasePaths(m -> m.anyOf("orders")))
                .actions(a -> a.invokeApi(i -> i.apiId(apiId).stage("prod").stripBasePath(true))));
        assertTrue(rule.routingRuleArn().endsWith("/routingrules/" + rule.routingRuleId()), rule.routingRuleArn());
        assertEquals(apiId, v2.getRoutingRule(b -> b.domainName("rules.example.com").routingRuleId(rule.routingRuleId()))
                .actions().get(0).invokeApi().apiId());
        assertThrows(ConflictException.class, () -> v2.createRoutingRule(b -> b.domainName("rules.example.com").priority(10)
                .conditions(c -> c.matchBasePaths(m -> m.anyOf("x"))).actions(a -> a.invokeApi(i -> i.apiId(apiId).stage("prod")))));
        assertThrows(BadRequestException.class, () -> v2.createRoutingRule(b -> b.domainName("rules.example.com").priority(0)
                .conditions(c -> c.matchBasePaths(m -> m.anyOf("x"))).actions(a -> a.invokeApi(i -> i.apiId(apiId).stage("prod")))));
        assertEquals(20, v2.putRoutingRule(b -> b.domainName("rules.example.com").routingRuleId(rule.routingRuleId()).priority(20)
                .conditions(c -> c.matchBasePaths(m -> m.anyOf("orders")))
                .actions(a -> a.invokeApi(i -> i.apiId(apiId).stage("prod")))).priority());
        assertEquals(1, v2.listRoutingRules(b -> b.domainName("rules.example.com")).routingRules().size());
        v2.deleteRoutingRule(b -> b.domainName("rules.example.com").routingRuleId(rule.routingRuleId()));
        assertTrue(v2.listRoutingRules(b -> b.domainName("rules.example.com")).routingRules().isEmpty());
        assertThrows(NotFoundException.class, () -> v2.listRoutingRules(b -> b.domainName("nowhere.example.com")));
    }
}
