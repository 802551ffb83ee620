package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.haneul.it.apigateway.ApiGatewayClients.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS_PROXY to a real Python function run by Haneul's Lambda: the v1 proxy event as the function
 * receives it, the response contract (status, headers, multi-value headers, base64 bodies), and
 * API Gateway's 502 for a malformed answer or a function error.
 */
class ApiGatewayLambdaProxyIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String FUNCTION = """
            import json
            def handler(event, context):
                path = event["path"]
                if path == "/bad":
                    return {"nope": 1}
                if path == "/boom":
                    raise Exception("boom")
                if path == "/binary":
                    return {"statusCode": 200, "headers": {"Content-Type": "application/octet-stream"},
                            "body": "AAEC/w==", "isBase64Encoded": True}
                return {"statusCode": 201, "headers": {"X-Fn": "yes"}, "multiValueHeaders": {"X-Multi": ["a", "b"]},
                        "body": json.dumps(event)}
            """;
    static TestServer server;
    static ApiGatewayClient apigw;
    static LambdaClient lambda;
    static String api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
        lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
        String name = "apigw-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/r")
                .handler("app.handler").timeout(10).code(c -> c.zipFile(zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String functionArn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;
        api = apigw.createRestApi(b -> b.name("lambda-proxy")).id();
        // as on AWS, the function's resource policy must let API Gateway invoke it from this API
        lambda.addPermission(b -> b.functionName(name).statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/*"));
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String items = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("items")).id();
        String item = apigw.createResource(b -> b.restApiId(api).parentId(items).pathPart("{id}")).id();
        String proxy = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("{proxy+}")).id();
        for (String resource : List.of(item, proxy)) {
            apigw.putMethod(b -> b.restApiId(api).resourceId(resource).httpMethod("ANY").authorizationType("NONE"));
            apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST")
                    .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations"));
        }
        String byVariable = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("via-variable")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(byVariable).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(byVariable).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:"
                        + ACCOUNT + ":function:${stageVariables.fn}/invocations"));
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod").variables(Map.of("env", "production", "fn", name)));
        // a second function whose policy does not let API Gateway in, reached through a stage variable
        String locked = name + "-locked";
        lambda.createFunction(b -> b.functionName(locked).runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/r")
                .handler("app.handler").timeout(10).code(c -> c.zipFile(zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(locked));
        apigw.createDeployment(b -> b.restApiId(api).stageName("locked").variables(Map.of("env", "locked", "fn", locked)));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        apigw.close();
        server.close();
    }

    static SdkBytes zip(String name, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    static HttpResponse<byte[]> call(String method, String path, String body, String... headers) throws Exception {
        return callStage("prod", method, path, body, headers);
    }

    static HttpResponse<byte[]> callStage(String stage, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/_aws/execute-api/" + api + "/" + stage + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void functionReceivesTheV1ProxyEventAndShapesTheResponse() throws Exception {
        HttpResponse<byte[]> r = call("POST", "/items/42?tag=a&tag=b&one=1", "{\"n\":1}", "X-Custom", "v1", "Content-Type", "application/json");
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("yes", r.headers().firstValue("X-Fn").orElse(null));
        assertEquals(List.of("a", "b"), r.headers().allValues("X-Multi"));
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
        JsonNode event = JSON.readTree(r.body());
        assertEquals("/items/{id}", event.get("resource").asText());
        assertEquals("/items/42", event.get("path").asText());
        assertEquals("POST", event.get("httpMethod").asText());
        assertEquals("v1", event.get("headers").get("X-Custom").asText());
        assertEquals("v1", event.get("multiValueHeaders").get("X-Custom").get(0).asText());
        assertEquals("http", event.get("headers").get("X-Forwarded-Proto").asText());
        assertEquals(String.valueOf(server.port()), event.get("headers").get("X-Forwarded-Port").asText());
        assertEquals("127.0.0.1", event.get("headers").get("X-Forwarded-For").asText());
        String trace = r.headers().firstValue("X-Amzn-Trace-Id").orElseThrow();
        assertTrue(trace.matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"), trace);
        assertEquals(trace, event.get("headers").get("X-Amzn-Trace-Id").asText());
        assertEquals("b", event.get("queryStringParameters").get("tag").asText());
        assertEquals("[\"a\",\"b\"]", event.get("multiValueQueryStringParameters").get("tag").toString());
        assertEquals("42", event.get("pathParameters").get("id").asText());
        assertEquals("production", event.get("stageVariables").get("env").asText());
        assertEquals("{\"n\":1}", event.get("body").asText());
        assertEquals(false, event.get("isBase64Encoded").asBoolean());
        JsonNode ctx = event.get("requestContext");
        assertEquals(ACCOUNT, ctx.get("accountId").asText());
        assertEquals(api, ctx.get("apiId").asText());
        assertEquals("prod", ctx.get("stage").asText());
        assertEquals("/items/{id}", ctx.get("resourcePath").asText());
        assertEquals("/prod/items/42", ctx.get("path").asText());
        assertEquals("POST", ctx.get("httpMethod").asText());
        assertEquals("HTTP/1.1", ctx.get("protocol").asText());
        assertEquals(r.headers().firstValue("x-amzn-RequestId").orElseThrow(), ctx.get("requestId").asText());
        assertTrue(ctx.get("requestTimeEpoch").asLong() > 0);
        assertTrue(ctx.get("requestTime").asText().matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"), ctx.get("requestTime").asText());
        assertEquals("127.0.0.1", ctx.get("identity").get("sourceIp").asText());
        assertTrue(ctx.get("identity").get("userAgent").asText().contains("Java-http-client"));
        assertTrue(ctx.get("resourceId").asText().matches("[a-z0-9]{10}"));

        JsonNode greedy = JSON.readTree(call("GET", "/x/y", null).body());
        assertEquals("/{proxy+}", greedy.get("resource").asText());
        assertEquals("x/y", greedy.get("pathParameters").get("proxy").asText());
        assertTrue(greedy.get("body").isNull());
        assertTrue(greedy.get("queryStringParameters").isNull());
    }

    @Test
    void aFunctionWhosePolicyDoesNotAllowApiGatewayIsA500() throws Exception {
        HttpResponse<byte[]> r = callStage("locked", "GET", "/via-variable", null);
        assertEquals(500, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("Internal server error", JSON.readTree(r.body()).get("message").asText());
    }

    @Test
    void stageVariablesNameTheFunction() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/via-variable", null);
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("/via-variable", JSON.readTree(r.body()).get("resource").asText());
    }

    @Test
    void base64BodiesAreDecoded() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/binary", null);
        assertEquals(200, r.statusCode());
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(new byte[]{0, 1, 2, (byte) 0xff}, r.body());
    }

    @Test
    void malformedAnswersAndFunctionErrorsAre502() throws Exception {
        for (String path : List.of("/bad", "/boom")) {
            HttpResponse<byte[]> r = call("GET", path, null);
            assertEquals(502, r.statusCode(), path);
            assertEquals("{\"message\": \"Internal server error\"}", new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("InternalServerErrorException", r.headers().firstValue("x-amzn-ErrorType").orElse(null));
        }
    }

    @Test
    void defaultFiveXxCustomisesTheLambdaErrorsOfLaterDeployments() throws Exception {
        apigw.putGatewayResponse(b -> b.restApiId(api).responseType(software.amazon.awssdk.services.apigateway.model.GatewayResponseType.DEFAULT_5_XX)
                .responseParameters(Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"))
                .responseTemplates(Map.of("application/json", "{\"error\":$context.error.messageString,\"env\":\"$stageVariables.env\"}")));
        apigw.createDeployment(b -> b.restApiId(api).stageName("custom").variables(Map.of("env", "custom", "fn", "unused")));
        for (String path : List.of("/bad", "/boom")) {
            HttpResponse<byte[]> r = callStage("custom", "GET", path, null);
            assertEquals(502, r.statusCode(), path);
            assertEquals("{\"error\":\"Internal server error\",\"env\":\"custom\"}", new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals("InternalServerErrorException", r.headers().firstValue("x-amzn-ErrorType").orElse(null));
        }
        HttpResponse<byte[]> before = call("GET", "/bad", null);
        assertEquals("{\"message\": \"Internal server error\"}", new String(before.body(), StandardCharsets.UTF_8));
    }
}
