package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.UpdateRestApiResponse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.haneul.it.apigateway.ApiGatewayClients.ACCOUNT;
import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API control plane through the SDK v2 client: stored state, AWS's ids, errors and patch operations. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayControlPlaneIT {

    static TestServer server;
    static ApiGatewayClient apigw;

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

    @Test
    void restApiLifecycleWithRootResourcePatchAndErrors() {
        CreateRestApiResponse api = apigw.createRestApi(b -> b.name("pets").description("d").binaryMediaTypes("image/png")
                .tags(Map.of("team", "a")));
        assertTrue(api.id().matches("[a-z0-9]{10}"), api.id());
        assertTrue(api.rootResourceId().matches("[a-z0-9]{10}"));
        assertEquals("HEADER", api.apiKeySourceAsString());
        assertEquals(List.of(EndpointType.EDGE), api.endpointConfiguration().types());
        assertNotNull(api.createdDate());
        assertEquals(Map.of("team", "a"), api.tags());

        GetResourcesResponse resources = apigw.getResources(b -> b.restApiId(api.id()));
        assertEquals(1, resources.items().size());
        assertEquals("/", resources.items().getFirst().path());
        assertEquals(api.rootResourceId(), resources.items().getFirst().id());

        UpdateRestApiResponse updated = apigw.updateRestApi(b -> b.restApiId(api.id()).patchOperations(
                op("replace", "/name", "pets2"), op("add", "/binaryMediaTypes/image~1jpeg", null),
                op("remove", "/binaryMediaTypes/image~1png", null), op("replace", "/minimumCompressionSize", "1024")));
        assertEquals("pets2", updated.name());
        assertEquals(List.of("image/jpeg"), updated.binaryMediaTypes());
        assertEquals(1024, updated.minimumCompressionSize());
        assertEquals("pets2", apigw.getRestApi(b -> b.restApiId(api.id())).name());
        // the AWS CLI's documented form names the type being replaced
        assertEquals(List.of(EndpointType.REGIONAL), apigw.updateRestApi(b -> b.restApiId(api.id()).patchOperations(
                op("replace", "/endpointConfiguration/types/EDGE", "REGIONAL"))).endpointConfiguration().types());
        assertEquals(List.of(EndpointType.PRIVATE), apigw.updateRestApi(b -> b.restApiId(api.id()).patchOperations(
                op("replace", "/endpointConfiguration/types/0", "PRIVATE"))).endpointConfiguration().types());

        BadRequestException badPath = assertThrows(BadRequestException.class, () -> apigw.updateRestApi(b -> b.restApiId(api.id())
                .patchOperations(op("replace", "/nope", "x"))));
        assertTrue(badPath.awsErrorDetails().errorMessage().startsWith("Invalid patch path  '/nope' specified for op 'replace'"),
                badPath.awsErrorDetails().errorMessage());

        GetRestApisResponse all = apigw.getRestApis(b -> b.limit(500));
        assertTrue(all.items().stream().anyMatch(a -> a.id().equals(api.id())));

        apigw.deleteRestApi(b -> b.restApiId(api.id()));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> apigw.getRestApi(b -> b.restApiId(api.id())));
        assertEquals("Invalid API identifier specified " + ACCOUNT + ":" + api.id(), gone.awsErrorDetails().errorMessage());
        assertEquals(404, gone.statusCode());
    }

    @Test
    void restApisPageByPosition() {
        for (int i = 0; i < 3; i++) {
            int n = i;
            apigw.createRestApi(b -> b.name("page-" + n));
        }
        GetRestApisResponse first = apigw.getRestApis(b -> b.limit(2));
        assertEquals(2, first.items().size());
        assertNotNull(first.position());
        GetRestApisResponse second = apigw.getRestApis(b -> b.limit(500).position(first.position()));
        Set<String> firstIds = first.items().stream().map(a -> a.id()).collect(Collectors.toSet());
        assertTrue(second.items().stream().noneMatch(a -> firstIds.contains(a.id())));
    }

    @Test
    void resourcesPathPartsGreedyVariablesAndMoves() {
        String api = apigw.createRestApi(b -> b.name("tree")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        Resource pets = resource(api, root, "pets");
        Resource id = resource(api, pets.id(), "{id}");
        assertEquals("/pets/{id}", id.path());
        assertEquals(pets.id(), id.parentId());

        ConflictException dup = assertThrows(ConflictException.class, () -> resource(api, root, "pets"));
        assertEquals("Another resource with the same parent already has this name: pets", dup.awsErrorDetails().errorMessage());
        BadRequestException twoVariables = assertThrows(BadRequestException.class, () -> resource(api, pets.id(), "{name}"));
        assertTrue(twoVariables.awsErrorDetails().errorMessage().contains("only one is allowed"));
        BadRequestException badPart = assertThrows(BadRequestException.class, () -> resource(api, root, "a/b"));
        assertTrue(badPart.awsErrorDetails().errorMessage().startsWith("Resource's path part only allow"));

        Resource proxy = resource(api, root, "{proxy+}");
        BadRequestException underGreedy = assertThrows(BadRequestException.class, () -> resource(api, proxy.id(), "x"));
        assertTrue(underGreedy.awsErrorDetails().errorMessage().contains("greedy"));

        NotFoundException noParent = assertThrows(NotFoundException.class, () -> resource(api, "nope", "x"));
        assertEquals("Invalid Resource identifier specified", noParent.awsErrorDetails().errorMessage());

        Resource renamed = Resource.builder().build();
        var moved = apigw.updateResource(b -> b.restApiId(api).resourceId(pets.id()).patchOperations(op("replace", "/pathPart", "animals")));
        assertEquals("/animals", moved.path());
        assertEquals("/animals/{id}", apigw.getResource(b -> b.restApiId(api).resourceId(id.id())).path());
        assertNull(renamed.path());

        assertEquals("Resources cannot be cyclical.", assertThrows(BadRequestException.class, () -> apigw.updateResource(b -> b.restApiId(api)
                .resourceId(pets.id()).patchOperations(op("replace", "/parentId", id.id())))).awsErrorDetails().errorMessage());
        apigw.deleteResource(b -> b.restApiId(api).resourceId(pets.id()));
        assertThrows(NotFoundException.class, () -> apigw.getResource(b -> b.restApiId(api).resourceId(id.id())));
        assertEquals(2, apigw.getResources(b -> b.restApiId(api)).items().size());
    }

    @Test
    void methodsResponsesIntegrationsAndEmbed() {
        String api = apigw.createRestApi(b -> b.name("methods")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String pets = resource(api, root, "pets").id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").authorizationType("NONE")
                .requestParameters(Map.of("method.request.querystring.type", true)));
        ConflictException twice = assertThrows(ConflictException.class, () -> apigw.putMethod(b -> b.restApiId(api).resourceId(pets)
                .httpMethod("GET").authorizationType("NONE")));
        assertEquals("Method already exists for this resource", twice.awsErrorDetails().errorMessage());

        apigw.updateMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").patchOperations(
                op("add", "/requestParameters/method.request.header.X-Trace", "false"), op("replace", "/apiKeyRequired", "true")));
        GetMethodResponse method = apigw.getMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("GET"));
        assertEquals(Map.of("method.request.querystring.type", true, "method.request.header.X-Trace", false), method.requestParameters());
        assertTrue(method.apiKeyRequired());

        assertEquals("Invalid Integration identifier specified", assertThrows(NotFoundException.class,
                () -> apigw.getIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("GET"))).awsErrorDetails().errorMessage());
        apigw.putIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").type(IntegrationType.HTTP)
                .integrationHttpMethod("GET").uri("http://example.com/pets").requestParameters(Map.of(
                        "integration.request.querystring.type", "method.request.querystring.type"))
                .requestTemplates(Map.of("application/json", "{}")));
        BadRequestException noMethod = assertThrows(BadRequestException.class, () -> apigw.putIntegration(b -> b.restApiId(api)
                .resourceId(pets).httpMethod("GET").type(IntegrationType.HTTP).uri("http://example.com")));
        assertEquals("Enumeration value for HttpMethod must be non-empty", noMethod.awsErrorDetails().errorMessage());
        assertThrows(BadRequestException.class, () -> apigw.putIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:sqs:path/1/q")));

        ApiGatewayException badType = assertThrows(ApiGatewayException.class, () -> apigw.putIntegration(b -> b.restApiId(api)
                .resourceId(pets).httpMethod("GET").type("LAMBDA")));
        assertEquals("ValidationException", badType.awsErrorDetails().errorCode());
        assertEquals(400, badType.statusCode());
        assertEquals("Parameter names must be unique across querystring, header and path", assertThrows(BadRequestException.class,
                () -> apigw.putMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").authorizationType("NONE")
                        .requestParameters(Map.of("method.request.querystring.a", true, "method.request.header.a", true))))
                .awsErrorDetails().errorMessage());
        apigw.updateIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").patchOperations(
                op("replace", "/timeoutInMillis", "5000"), op("add", "/requestTemplates/text~1plain", "hi")));
        GetIntegrationResponse integration = apigw.getIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("GET"));
        assertEquals(IntegrationType.HTTP, integration.type());
        assertEquals("GET", integration.httpMethod());
        assertEquals("http://example.com/pets", integration.uri());
        assertEquals(5000, integration.timeoutInMillis());
        assertEquals("WHEN_NO_MATCH", integration.passthroughBehavior());
        assertEquals(pets, integration.cacheNamespace());
        assertEquals(Map.of("application/json", "{}", "text/plain", "hi"), integration.requestTemplates());

        assertEquals("Invalid Response status code specified", assertThrows(NotFoundException.class,
                () -> apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").statusCode("200")))
                .awsErrorDetails().errorMessage());
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").statusCode("200")
                .responseParameters(Map.of("method.response.header.X-Id", true)));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").statusCode("200").selectionPattern("")
                .responseParameters(Map.of("method.response.header.X-Id", "'abc'")).responseTemplates(Map.of("application/json", "$input.body")));
        assertEquals("'abc'", apigw.getIntegrationResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").statusCode("200"))
                .responseParameters().get("method.response.header.X-Id"));
        assertEquals(Map.of("method.response.header.X-Id", true), apigw.getMethodResponse(b -> b.restApiId(api).resourceId(pets)
                .httpMethod("GET").statusCode("200")).responseParameters());

        Resource plain = apigw.getResources(b -> b.restApiId(api)).items().stream().filter(r -> r.id().equals(pets)).findFirst().orElseThrow();
        assertEquals(Set.of("GET"), plain.resourceMethods().keySet());
        assertNull(plain.resourceMethods().get("GET").methodIntegration());
        Resource embedded = apigw.getResources(b -> b.restApiId(api).embed("methods")).items().stream()
                .filter(r -> r.id().equals(pets)).findFirst().orElseThrow();
        assertEquals("http://example.com/pets", embedded.resourceMethods().get("GET").methodIntegration().uri());
        assertEquals("'abc'", embedded.resourceMethods().get("GET").methodIntegration().integrationResponses().get("200")
                .responseParameters().get("method.response.header.X-Id"));

        apigw.deleteIntegrationResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").statusCode("200"));
        apigw.deleteMethodResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("GET").statusCode("200"));
        apigw.deleteIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("GET"));
        apigw.deleteMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("GET"));
        assertEquals("Invalid Method identifier specified", assertThrows(NotFoundException.class,
                () -> apigw.getMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("GET"))).awsErrorDetails().errorMessage());
    }

    @Test
    void deploymentsAndStages() {
        String api = apigw.createRestApi(b -> b.name("deploy")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        BadRequestException empty = assertThrows(BadRequestException.class, () -> apigw.createDeployment(b -> b.restApiId(api)));
        assertEquals("The REST API doesn't contain any methods", empty.awsErrorDetails().errorMessage());
        apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        assertEquals("No integration defined for method", assertThrows(BadRequestException.class,
                () -> apigw.createDeployment(b -> b.restApiId(api))).awsErrorDetails().errorMessage());
        apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));

        CreateDeploymentResponse d1 = apigw.createDeployment(b -> b.restApiId(api).stageName("dev").description("first")
                .variables(Map.of("color", "red")));
        GetStageResponse dev = apigw.getStage(b -> b.restApiId(api).stageName("dev"));
        assertEquals(d1.id(), dev.deploymentId());
        assertEquals(Map.of("color", "red"), dev.variables());
        assertEquals(Map.of("/", Map.of("GET", "NONE")), apigw.getDeployment(b -> b.restApiId(api).deploymentId(d1.id()).embed("apisummary"))
                .apiSummary().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, m -> m.getValue().authorizationType())))));

        assertEquals("renamed", apigw.updateDeployment(b -> b.restApiId(api).deploymentId(d1.id())
                .patchOperations(op("replace", "/description", "renamed"))).description());
        assertEquals("renamed", apigw.getDeployment(b -> b.restApiId(api).deploymentId(d1.id())).description());
        CreateDeploymentResponse d2 = apigw.createDeployment(b -> b.restApiId(api));
        apigw.createStage(b -> b.restApiId(api).stageName("prod").deploymentId(d2.id()).variables(Map.of("a", "1")).tags(Map.of("k", "v")));
        ConflictException again = assertThrows(ConflictException.class,
                () -> apigw.createStage(b -> b.restApiId(api).stageName("prod").deploymentId(d2.id())));
        assertEquals("Stage already exists", again.awsErrorDetails().errorMessage());
        assertThrows(NotFoundException.class, () -> apigw.createStage(b -> b.restApiId(api).stageName("x").deploymentId("nope00")));
        assertEquals(2, apigw.getDeployments(b -> b.restApiId(api)).items().size());
        assertEquals(Set.of("dev", "prod"), apigw.getStages(b -> b.restApiId(api)).item().stream().map(s -> s.stageName()).collect(Collectors.toSet()));

        var patched = apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(op("replace", "/variables/b", "2"),
                op("remove", "/variables/a", null), op("replace", "/deploymentId", d1.id()), op("replace", "/description", "live")));
        assertEquals(Map.of("b", "2"), patched.variables());
        assertEquals(d1.id(), patched.deploymentId());
        assertEquals("live", patched.description());

        BadRequestException inUse = assertThrows(BadRequestException.class, () -> apigw.deleteDeployment(b -> b.restApiId(api).deploymentId(d1.id())));
        assertEquals("Active stages pointing to this deployment must be moved or deleted", inUse.awsErrorDetails().errorMessage());
        apigw.deleteDeployment(b -> b.restApiId(api).deploymentId(d2.id()));
        assertEquals("Invalid Deployment identifier specified", assertThrows(NotFoundException.class,
                () -> apigw.getDeployment(b -> b.restApiId(api).deploymentId(d2.id()))).awsErrorDetails().errorMessage());

        apigw.deleteStage(b -> b.restApiId(api).stageName("prod"));
        assertEquals("Invalid Stage identifier specified", assertThrows(NotFoundException.class,
                () -> apigw.getStage(b -> b.restApiId(api).stageName("prod"))).awsErrorDetails().errorMessage());
    }

    @Test
    void tagsOnApisAndStages() {
        String api = apigw.createRestApi(b -> b.name("tags")).id();
        String arn = "arn:aws:apigateway:us-east-1::/restapis/" + api;
        apigw.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
        apigw.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertEquals(Map.of("b", "2"), apigw.getTags(b -> b.resourceArn(arn)).tags());
        assertEquals(Map.of("b", "2"), apigw.getRestApi(b -> b.restApiId(api)).tags());

        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));
        apigw.createDeployment(b -> b.restApiId(api).stageName("s1"));
        apigw.tagResource(b -> b.resourceArn(arn + "/stages/s1").tags(Map.of("env", "test")));
        assertEquals(Map.of("env", "test"), apigw.getStage(b -> b.restApiId(api).stageName("s1")).tags());

        ApiGatewayException bad = assertThrows(BadRequestException.class, () -> apigw.getTags(b -> b.resourceArn("arn:aws:sqs:x")));
        assertFalse(bad.awsErrorDetails().errorMessage().isEmpty());
        assertThrows(NotFoundException.class, () -> apigw.getTags(b -> b.resourceArn("arn:aws:apigateway:us-east-1::/restapis/zzzzzzzzzz")));
    }

    static Resource resource(String api, String parent, String part) {
        var r = apigw.createResource(b -> b.restApiId(api).parentId(parent).pathPart(part));
        return Resource.builder().id(r.id()).parentId(r.parentId()).path(r.path()).pathPart(r.pathPart()).build();
    }

    @Test
    void authorizersAreStoredPagedAndGoWithTheirApi() {
        String api = apigw.createRestApi(b -> b.name("authorized")).id();
        String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:" + ACCOUNT
                + ":function:auth/invocations";
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            ids.add(apigw.createAuthorizer(b -> b.restApiId(api).name("a" + n).type("TOKEN").authorizerUri(uri)
                    .identitySource("method.request.header.Authorization")).id());
        }
        String pool = apigw.createAuthorizer(b -> b.restApiId(api).name("pool").type("COGNITO_USER_POOLS")
                .providerARNs("arn:aws:cognito-idp:us-east-1:" + ACCOUNT + ":userpool/us-east-1_a")).id();
        var patched = apigw.updateAuthorizer(b -> b.restApiId(api).authorizerId(pool).patchOperations(
                op("add", "/providerARNs/arn:aws:cognito-idp:us-east-1:" + ACCOUNT + ":userpool~1us-east-1_b", null)));
        assertEquals(2, patched.providerARNs().size(), patched.toString());
        var first = apigw.getAuthorizers(b -> b.restApiId(api).limit(2));
        assertEquals(2, first.items().size());
        var rest = apigw.getAuthorizers(b -> b.restApiId(api).position(first.position()));
        assertEquals(2, rest.items().size());
        assertNull(rest.position());
        assertEquals("a1", apigw.getAuthorizer(b -> b.restApiId(api).authorizerId(ids.get(1))).name());
        apigw.deleteRestApi(b -> b.restApiId(api));
        assertThrows(NotFoundException.class, () -> apigw.getAuthorizer(b -> b.restApiId(api).authorizerId(ids.get(1))));
    }
}
