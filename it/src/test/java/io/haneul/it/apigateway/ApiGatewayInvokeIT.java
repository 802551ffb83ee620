package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployed REST APIs invoked over HTTP (java.net.http, and raw sockets for the Host form): the three
 * invoke URL forms, AWS's route precedence, 403 Missing Authentication Token, stages serving their
 * deployment rather than the edited API, MOCK integrations with Velocity templates, HTTP_PROXY to a
 * local backend.
 */
class ApiGatewayInvokeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static TestServer server;
    static ApiGatewayClient apigw;
    static HttpServer backend;
    static java.util.concurrent.ExecutorService backendThreads;
    /** Holds each {@code /slow?hold=KEY} answer until the test that sent it has seen the integration time out. */
    static final Map<String, java.util.concurrent.CountDownLatch> held = new java.util.concurrent.ConcurrentHashMap<>();

    static java.util.concurrent.CountDownLatch hold(String key) {
        return held.computeIfAbsent(key, k -> new java.util.concurrent.CountDownLatch(1));
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backendThreads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        backend.setExecutor(backendThreads); // a held /slow answer does not hold the other calls
        backend.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            String echo = JSON.writeValueAsString(Map.of("method", exchange.getRequestMethod(),
                    "uri", exchange.getRequestURI().toString(), "body", new String(in, StandardCharsets.UTF_8),
                    "xtest", String.valueOf(exchange.getRequestHeaders().getFirst("X-Test")),
                    "host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")),
                    "userAgent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")),
                    "apiId", String.valueOf(exchange.getRequestHeaders().getFirst("x-amzn-apigateway-api-id")),
                    "contentType", String.valueOf(exchange.getRequestHeaders().get("Content-Type"))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Backend", "yes");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic");
            byte[] out = echo.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        backend.createContext("/slow", exchange -> {
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            try {
                hold(query.startsWith("hold=") ? query.substring(5) : "").await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        backend.start();
    }

    @AfterAll
    static void stop() throws Exception {
        backend.stop(0);
        backendThreads.close();
        apigw.close();
        server.close();
    }

    static HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String root(String api) {
        return apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
    }

    static String child(String api, String parent, String part) {
        return apigw.createResource(b -> b.restApiId(api).parentId(parent).pathPart(part)).id();
    }

    /** A MOCK method answering 200 with {@code template} as its response template. */
    static void mock(String api, String resource, String method, String template) {
        apigw.putMethod(b -> b.restApiId(api).resourceId(resource).httpMethod(method).authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod(method).type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(resource).httpMethod(method).statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(resource).httpMethod(method).statusCode("200")
                .responseTemplates(Map.of("application/json", template)));
    }

    static void assertMissingToken(HttpResponse<String> r) {
        assertEquals(403, r.statusCode());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", r.body());
        assertEquals("MissingAuthenticationTokenException", r.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
        assertTrue(r.headers().firstValue("x-amz-apigw-id").isPresent());
    }

    @Test
    void routesByPrecedenceInEveryUrlForm() throws Exception {
        String api = apigw.createRestApi(b -> b.name("routes")).id();
        String root = root(api);
        String pets = child(api, root, "pets");
        String id = child(api, pets, "{id}");
        String mine = child(api, pets, "mine");
        String proxy = child(api, root, "{proxy+}");
        mock(api, root, "GET", "{\"route\":\"root\"}");
        mock(api, id, "GET", "{\"route\":\"id\",\"id\":\"$input.params('id')\",\"q\":\"$input.params('q')\"}");
        mock(api, mine, "GET", "{\"route\":\"mine\"}");
        mock(api, proxy, "ANY", "{\"route\":\"proxy\",\"proxy\":\"$input.params('proxy')\",\"method\":\"$context.httpMethod\"}");
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));

        String base = "/_aws/execute-api/" + api + "/v1";
        assertEquals("{\"route\":\"root\"}", call("GET", base + "/", null).body());
        assertEquals("{\"route\":\"root\"}", call("GET", base, null).body());
        assertEquals("{\"route\":\"mine\"}", call("GET", base + "/pets/mine", null).body());
        HttpResponse<String> byId = call("GET", base + "/pets/42?q=x", null);
        assertEquals(200, byId.statusCode());
        assertEquals("application/json", byId.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"route\":\"id\",\"id\":\"42\",\"q\":\"x\"}", byId.body());
        assertEquals("{\"route\":\"proxy\",\"proxy\":\"a/b/c\",\"method\":\"DELETE\"}", call("DELETE", base + "/a/b/c", null).body());
        assertMissingToken(call("POST", base + "/", null));

        assertEquals("{\"route\":\"mine\"}", call("GET", "/restapis/" + api + "/v1/_user_request_/pets/mine", null).body());
        RawHttp.Response byHost = RawHttp.send(server.port(), "GET", "/v1/pets/7",
                Map.of("Host", api + ".execute-api.localhost:" + server.port()), (byte[]) null);
        assertEquals(200, byHost.status());
        assertEquals("{\"route\":\"id\",\"id\":\"7\",\"q\":\"\"}", byHost.text());
    }

    @Test
    void unknownApiStageOrRouteIsMissingAuthenticationToken() throws Exception {
        String api = apigw.createRestApi(b -> b.name("missing")).id();
        mock(api, root(api), "GET", "{}");
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        assertMissingToken(call("GET", "/_aws/execute-api/zzzzzzzzzz/v1/", null));
        assertMissingToken(call("GET", "/_aws/execute-api/" + api + "/nostage/", null));
        assertMissingToken(call("GET", "/_aws/execute-api/" + api + "/v1/nothing/here", null));
        RawHttp.Response byHost = RawHttp.send(server.port(), "GET", "/v1/nothing",
                Map.of("Host", api + ".execute-api.localhost"), (byte[]) null);
        assertEquals(403, byHost.status());
        assertEquals("MissingAuthenticationTokenException", byHost.header("x-amzn-ErrorType"));
    }

    @Test
    void stageServesItsDeploymentNotTheEditedApi() throws Exception {
        String api = apigw.createRestApi(b -> b.name("frozen")).id();
        String root = root(api);
        mock(api, root, "GET", "{\"v\":1}");
        apigw.createDeployment(b -> b.restApiId(api).stageName("live"));
        apigw.updateIntegrationResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
                .patchOperations(ApiGatewayClients.op("replace", "/responseTemplates/application~1json", "{\"v\":2}")));
        assertEquals("{\"v\":1}", call("GET", "/_aws/execute-api/" + api + "/live/", null).body());
        apigw.createDeployment(b -> b.restApiId(api).stageName("live"));
        assertEquals("{\"v\":2}", call("GET", "/_aws/execute-api/" + api + "/live/", null).body());
        apigw.deleteMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET"));
        assertEquals("{\"v\":2}", call("GET", "/_aws/execute-api/" + api + "/live/", null).body());
    }

    @Test
    void mockSelectsIntegrationResponseByStatusWithParametersAndStageVariables() throws Exception {
        String api = apigw.createRestApi(b -> b.name("mock")).id();
        String root = root(api);
        String items = child(api, root, "items");
        apigw.putMethod(b -> b.restApiId(api).resourceId(items).httpMethod("POST").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(items).httpMethod("POST").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "#set($b = $util.parseJson($input.body))\n{\"statusCode\": $b.code}")));
        for (String code : new String[]{"200", "404"}) {
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(items).httpMethod("POST").statusCode(code)
                    .responseParameters(Map.of("method.response.header.X-Kind", false)));
        }
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(items).httpMethod("POST").statusCode("200")
                .responseParameters(Map.of("method.response.header.X-Kind", "'found'"))
                .responseTemplates(Map.of("application/json", "{\"color\":\"$stageVariables.color\",\"stage\":\"$context.stage\"}")));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(items).httpMethod("POST").statusCode("404").selectionPattern("4\\d\\d")
                .responseParameters(Map.of("method.response.header.X-Kind", "'missing'"))
                .responseTemplates(Map.of("application/json", "{\"error\":\"not here\"}")));
        apigw.createDeployment(b -> b.restApiId(api).stageName("dev").variables(Map.of("color", "blue")));

        HttpResponse<String> ok = call("POST", "/_aws/execute-api/" + api + "/dev/items", "{\"code\": 200}", "Content-Type", "application/json");
        assertEquals(200, ok.statusCode());
        assertEquals("found", ok.headers().firstValue("X-Kind").orElse(null));
        assertEquals("{\"color\":\"blue\",\"stage\":\"dev\"}", ok.body());
        HttpResponse<String> missing = call("POST", "/_aws/execute-api/" + api + "/dev/items", "{\"code\": 404}", "Content-Type", "application/json");
        assertEquals(404, missing.statusCode());
        assertEquals("missing", missing.headers().firstValue("X-Kind").orElse(null));
        assertEquals("{\"error\":\"not here\"}", missing.body());
    }

    @Test
    void neverPassthroughRefusesUnmappedContentType() throws Exception {
        String api = apigw.createRestApi(b -> b.name("never")).id();
        String root = root(api);
        mock(api, root, "POST", "{}");
        apigw.updateIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("POST")
                .patchOperations(ApiGatewayClients.op("replace", "/passthroughBehavior", "NEVER")));
        apigw.createDeployment(b -> b.restApiId(api).stageName("s"));
        HttpResponse<String> r = call("POST", "/_aws/execute-api/" + api + "/s/", "x", "Content-Type", "text/plain");
        assertEquals(415, r.statusCode());
        assertEquals("{\"message\":\"Unsupported Media Type\"}", r.body());
        assertEquals(200, call("POST", "/_aws/execute-api/" + api + "/s/", "{}", "Content-Type", "application/json").statusCode());
    }

    @Test
    void httpProxyForwardsToTheBackendWithPathAndStageVariables() throws Exception {
        String api = apigw.createRestApi(b -> b.name("proxy")).id();
        String root = root(api);
        String proxy = child(api, root, "{proxy+}");
        apigw.putMethod(b -> b.restApiId(api).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
                .requestParameters(Map.of("method.request.path.proxy", true)));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(proxy).httpMethod("ANY").type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY").uri("http://127.0.0.1:${stageVariables.port}/backend/{proxy}")
                .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
        int port = backend.getAddress().getPort();
        apigw.createDeployment(b -> b.restApiId(api).stageName("p").variables(Map.of("port", String.valueOf(port))));

        HttpResponse<String> r = call("PUT", "/_aws/execute-api/" + api + "/p/a/b?x=1&y=2", "hello", "X-Test", "t1");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode echo = JSON.readTree(r.body());
        assertEquals("PUT", echo.get("method").asText());
        assertEquals("/backend/a/b?x=1&y=2", echo.get("uri").asText());
        assertEquals("hello", echo.get("body").asText());
        assertEquals("t1", echo.get("xtest").asText());
        assertEquals("yes", r.headers().firstValue("X-Backend").orElse(null));
        assertEquals("Basic", r.headers().firstValue("X-Amzn-Remapped-WWW-Authenticate").orElse(null));
        assertNull(r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertNotNull(r.headers().firstValue("x-amzn-RequestId").orElse(null));
        assertEquals(404, call("GET", "/_aws/execute-api/" + api + "/p/missing", null).statusCode());
    }

    @Test
    void httpIntegrationMapsParametersAndTemplatesBothWays() throws Exception {
        String api = apigw.createRestApi(b -> b.name("http")).id();
        String root = root(api);
        String item = child(api, child(api, root, "items"), "{id}");
        apigw.putMethod(b -> b.restApiId(api).resourceId(item).httpMethod("POST").authorizationType("NONE")
                .requestParameters(Map.of("method.request.path.id", true, "method.request.header.X-In", false)));
        int port = backend.getAddress().getPort();
        apigw.putIntegration(b -> b.restApiId(api).resourceId(item).httpMethod("POST").type(IntegrationType.HTTP)
                .integrationHttpMethod("PUT").uri("http://127.0.0.1:" + port + "/things/{thing}")
                .requestParameters(Map.of("integration.request.path.thing", "method.request.path.id",
                        "integration.request.querystring.stage", "context.stage",
                        "integration.request.header.X-Test", "method.request.header.X-In"))
                .requestTemplates(Map.of("application/json", "{\"wrapped\": $input.json('$.v')}")));
        for (String code : new String[]{"200", "404"}) {
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(item).httpMethod("POST").statusCode(code)
                    .responseParameters(Map.of("method.response.header.X-From", false)));
        }
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(item).httpMethod("POST").statusCode("200")
                .responseParameters(Map.of("method.response.header.X-From", "integration.response.header.X-Backend"))
                .responseTemplates(Map.of("application/json",
                        "{\"sent\": $input.json('$.body'), \"uri\": \"$input.path('$.uri')\", \"h\": \"$input.path('$.xtest')\"}")));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(item).httpMethod("POST").statusCode("404").selectionPattern("404")
                .responseTemplates(Map.of("application/json", "#set($context.responseOverride.status = 410){\"gone\": true}")));
        apigw.createDeployment(b -> b.restApiId(api).stageName("h"));

        HttpResponse<String> r = call("POST", "/_aws/execute-api/" + api + "/h/items/42", "{\"v\": [1, 2]}",
                "Content-Type", "application/json", "X-In", "mapped");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("yes", r.headers().firstValue("X-From").orElse(null));
        JsonNode out = JSON.readTree(r.body());
        assertEquals("{\"wrapped\": [1,2]}", out.get("sent").asText());
        assertEquals("/things/42?stage=h", out.get("uri").asText());
        assertEquals("mapped", out.get("h").asText());

        HttpResponse<String> gone = call("POST", "/_aws/execute-api/" + api + "/h/items/missing", "{}", "Content-Type", "application/json");
        assertEquals(410, gone.statusCode());
        assertEquals("{\"gone\": true}", gone.body());
    }

    @Test
    void httpIntegrationSendsItsOwnHostAndUserAgentAndOneContentTypeAndTimesOut() throws Exception {
        String api = apigw.createRestApi(b -> b.name("http-headers")).id();
        String root = root(api);
        String headers = child(api, root, "headers");
        String slow = child(api, root, "slow");
        int port = backend.getAddress().getPort();
        apigw.putMethod(b -> b.restApiId(api).resourceId(headers).httpMethod("POST").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(headers).httpMethod("POST").type(IntegrationType.HTTP)
                .integrationHttpMethod("POST").uri("http://127.0.0.1:" + port + "/headers")
                .requestParameters(Map.of("integration.request.header.Host", "'elsewhere.example'",
                        "integration.request.header.content-type", "'application/x-mapped'",
                        "integration.request.header.X-Test", "'literal'"))
                .requestTemplates(Map.of("application/json", "{\"templated\": true}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(headers).httpMethod("POST").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(headers).httpMethod("POST").statusCode("200")
                .responseTemplates(Map.of("application/json", "$input.body")));
        apigw.putMethod(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").type(IntegrationType.HTTP)
                .integrationHttpMethod("GET").uri("http://127.0.0.1:" + port + "/slow?hold=" + api).timeoutInMillis(50));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").statusCode("200"));
        apigw.createDeployment(b -> b.restApiId(api).stageName("h"));

        HttpResponse<String> r = call("POST", "/_aws/execute-api/" + api + "/h/headers", "{}", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode echo = JSON.readTree(r.body());
        assertEquals("127.0.0.1:" + port, echo.get("host").asText(), "API Gateway sets Host from the integration URI");
        assertEquals("[application/x-mapped]", echo.get("contentType").asText(), "a mapped Content-Type replaces the template's");
        assertEquals("literal", echo.get("xtest").asText());
        assertEquals("AmazonAPIGateway_" + api, echo.get("userAgent").asText(), "the call names the API");
        assertEquals(api, echo.get("apiId").asText());
        assertEquals("{\"templated\": true}", echo.get("body").asText());

        try {
            HttpResponse<String> late = call("GET", "/_aws/execute-api/" + api + "/h/slow", null);
            assertEquals(504, late.statusCode(), late.body());
            assertEquals("{\"message\": \"Endpoint request timed out\"}", late.body());
        } finally {
            hold(api).countDown();
        }
    }

    @Test
    void disabledExecuteApiEndpointIsForbidden() throws Exception {
        String api = apigw.createRestApi(b -> b.name("off").disableExecuteApiEndpoint(true)).id();
        mock(api, root(api), "GET", "{}");
        apigw.createDeployment(b -> b.restApiId(api).stageName("s"));
        HttpResponse<String> r = call("GET", "/_aws/execute-api/" + api + "/s/", null);
        assertEquals(403, r.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", r.body());
        apigw.updateRestApi(b -> b.restApiId(api).patchOperations(ApiGatewayClients.op("replace", "/disableExecuteApiEndpoint", "false")));
        assertEquals(200, call("GET", "/_aws/execute-api/" + api + "/s/", null).statusCode());
    }

    @Test
    void deployedApiSurvivesARestart() throws Exception {
        TestServer first = TestServer.start();
        java.nio.file.Path dir = first.dataDir();
        String api;
        try (ApiGatewayClient client = ApiGatewayClients.client(first)) {
            api = client.createRestApi(b -> b.name("durable")).id();
            String root = client.getResources(b -> b.restApiId(api)).items().getFirst().id();
            client.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
            client.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            client.putMethodResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            client.putIntegrationResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
                    .responseTemplates(Map.of("application/json", "{\"kept\": true}")));
            client.createDeployment(b -> b.restApiId(api).stageName("s"));
        }
        first.close();
        try (TestServer second = TestServer.startIn(dir, java.time.Clock.systemUTC())) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(second.endpoint().resolve("/_aws/execute-api/" + api + "/s/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("{\"kept\": true}", r.body());
        }
    }
}
