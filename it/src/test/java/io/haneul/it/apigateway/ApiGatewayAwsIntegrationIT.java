package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.haneul.it.apigateway.ApiGatewayClients.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code AWS} (non-proxy) integrations answered by Haneul's own services: SQS SendMessage in path and
 * action form, S3 PutObject/GetObject in path form (with a 404 selected by status), and a Lambda
 * function invoked with a mapped event whose error is mapped to a 404 by {@code selectionPattern}.
 */
class ApiGatewayAwsIntegrationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/apigw-integration";
    static final String FUNCTION = """
            import time
            def handler(event, context):
                if event.get("id") == "slow":
                    time.sleep(3)
                if event.get("id") == "missing":
                    raise Exception("NotFound: no item " + event["id"])
                return {"item": event.get("id"), "seen": event.get("source")}
            """;
    static TestServer server;
    static ApiGatewayClient apigw;
    static SqsClient sqs;
    static S3Client s3;
    static LambdaClient lambda;
    static String api;
    static String queueUrl;
    static String queue;
    static String bucket;
    static com.sun.net.httpserver.HttpServer backend;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
                .forcePathStyle(true).build();
        lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
        queue = "apigw-q-" + UUID.randomUUID().toString().substring(0, 8);
        queueUrl = sqs.createQueue(b -> b.queueName(queue)).queueUrl();
        bucket = "apigw-b-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        String fn = "apigw-np-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(fn).runtime("python3.12").role(ROLE)
                .handler("app.handler").timeout(10).code(c -> c.zipFile(ApiGatewayLambdaProxyIT.zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(fn));

        api = apigw.createRestApi(b -> b.name("aws-integrations").binaryMediaTypes("image/png")).id();
        lambda.addPermission(b -> b.functionName(fn).statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/*"));
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();

        // POST /messages -> SQS SendMessage, path form, form-encoded body built by the template
        String messages = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("messages")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(messages).httpMethod("POST").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(messages).httpMethod("POST").type(IntegrationType.AWS)
                .integrationHttpMethod("POST").credentials(ROLE)
                .uri("arn:aws:apigateway:us-east-1:sqs:path/" + ACCOUNT + "/" + queue)
                .requestParameters(Map.of("integration.request.header.Content-Type", "'application/x-www-form-urlencoded'"))
                .requestTemplates(Map.of("application/json", "Action=SendMessage&MessageBody=$util.urlEncode($input.body)")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(messages).httpMethod("POST").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(messages).httpMethod("POST").statusCode("200").selectionPattern(""));

        // GET /send?text=... -> SQS SendMessage, action form, parameters in the query string
        String send = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("send")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(send).httpMethod("GET").authorizationType("NONE")
                .requestParameters(Map.of("method.request.querystring.text", true)));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(send).httpMethod("GET").type(IntegrationType.AWS)
                .integrationHttpMethod("GET").credentials(ROLE).uri("arn:aws:apigateway:us-east-1:sqs:action/SendMessage")
                .requestParameters(Map.of("integration.request.querystring.QueueUrl", "'" + queueUrl + "'",
                        "integration.request.querystring.MessageBody", "method.request.querystring.text")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(send).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(send).httpMethod("GET").statusCode("200").selectionPattern(""));

        // PUT|GET /files/{key} -> S3 PutObject / GetObject, path form; S3's 404 selected by status
        String files = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("files")).id();
        String file = apigw.createResource(b -> b.restApiId(api).parentId(files).pathPart("{key}")).id();
        for (String method : List.of("PUT", "GET")) {
            apigw.putMethod(b -> b.restApiId(api).resourceId(file).httpMethod(method).authorizationType("NONE")
                    .requestParameters(Map.of("method.request.path.key", true)));
            apigw.putIntegration(b -> b.restApiId(api).resourceId(file).httpMethod(method).type(IntegrationType.AWS)
                    .integrationHttpMethod(method).credentials(ROLE).uri("arn:aws:apigateway:us-east-1:s3:path/" + bucket + "/{object}")
                    .requestParameters(Map.of("integration.request.path.object", "method.request.path.key",
                            "integration.request.header.Content-Type", "method.request.header.Content-Type")));
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(file).httpMethod(method).statusCode("200"));
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(file).httpMethod(method).statusCode("404"));
            apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(file).httpMethod(method).statusCode("200").selectionPattern("")
                    .responseParameters(Map.of("method.response.header.Content-Type", "integration.response.header.Content-Type")));
            apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(file).httpMethod(method).statusCode("404").selectionPattern("404")
                    .responseTemplates(Map.of("application/json", "{\"missing\": \"$input.params('key')\"}")));
        }

        // GET /items/{id} -> Lambda (non-proxy): the event built by a template, errors mapped by selectionPattern
        String items = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("items")).id();
        String item = apigw.createResource(b -> b.restApiId(api).parentId(items).pathPart("{id}")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(item).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(item).httpMethod("GET").type(IntegrationType.AWS)
                .integrationHttpMethod("POST")
                .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:" + ACCOUNT
                        + ":function:" + fn + "/invocations")
                .requestTemplates(Map.of("application/json", "{\"id\": \"$input.params('id')\", \"source\": \"$context.httpMethod\"}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(item).httpMethod("GET").statusCode("200"));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(item).httpMethod("GET").statusCode("404"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(item).httpMethod("GET").statusCode("200").selectionPattern(""));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(item).httpMethod("GET").statusCode("404").selectionPattern("NotFound:.*")
                .responseTemplates(Map.of("application/json", "{\"error\": $input.json('$.errorMessage')}")));

        // GET /slow -> the same function past the integration's timeout
        String slow = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("slow")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").type(IntegrationType.AWS)
                .integrationHttpMethod("POST").timeoutInMillis(500)
                .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:" + ACCOUNT
                        + ":function:" + fn + "/invocations")
                .requestTemplates(Map.of("application/json", "{\"id\": \"slow\"}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(slow).httpMethod("GET").statusCode("200").selectionPattern(""));

        // POST /echo -> HTTP (non-proxy) to a local backend that answers the bytes it got
        backend = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] got = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, got.length);
            exchange.getResponseBody().write(got);
            exchange.close();
        });
        backend.start();
        String echo = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("echo")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").type(IntegrationType.HTTP)
                .integrationHttpMethod("POST").uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/echo"));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").statusCode("200").selectionPattern(""));
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
    }

    @AfterAll
    static void stop() throws Exception {
        backend.stop(0);
        lambda.close();
        s3.close();
        sqs.close();
        apigw.close();
        server.close();
    }

    static HttpResponse<byte[]> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/_aws/execute-api/" + api + "/prod" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Invocations.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static Message receiveOne() {
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(5)).messages();
        assertEquals(1, got.size());
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(got.getFirst().receiptHandle()));
        return got.getFirst();
    }

    @Test
    void aRoleOfAnotherAccountIsNotAssumed() throws Exception {
        String root = apigw.getResources(b -> b.restApiId(api)).items().stream().filter(x -> x.path().equals("/")).findFirst().orElseThrow().id();
        String foreign = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("foreign")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(foreign).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(foreign).httpMethod("GET").type(IntegrationType.AWS)
                .integrationHttpMethod("GET").credentials("arn:aws:iam::999999999999:role/theirs")
                .uri("arn:aws:apigateway:us-east-1:sqs:action/ListQueues"));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(foreign).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(foreign).httpMethod("GET").statusCode("200").selectionPattern(""));
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));

        HttpResponse<byte[]> r = call("GET", "/foreign", null);
        assertEquals(500, r.statusCode(), text(r));
        assertEquals("Internal server error", JSON.readTree(r.body()).get("message").asText());
    }

    @Test
    void sqsSendMessageInPathFormWithAFormTemplate() throws Exception {
        HttpResponse<byte[]> r = call("POST", "/messages", "{\"order\": 7, \"note\": \"a&b=c\"}", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), text(r));
        Message m = receiveOne();
        assertEquals("{\"order\": 7, \"note\": \"a&b=c\"}", m.body());
        assertTrue(text(r).contains(m.messageId()), text(r));
    }

    @Test
    void payloadOverTenMegabytesIsRefusedWith413() throws Exception {
        HttpResponse<byte[]> r = call("POST", "/messages", "x".repeat(10 * 1024 * 1024 + 1), "Content-Type", "application/json");
        assertEquals(413, r.statusCode(), text(r));
        assertEquals("Request Too Long", JSON.readTree(r.body()).get("message").asText());
        HttpResponse<byte[]> atLimit = call("POST", "/messages", "x".repeat(200_000), "Content-Type", "application/json");
        assertEquals(200, atLimit.statusCode(), text(atLimit));
        assertEquals(200_000, receiveOne().body().length());
    }

    @Test
    void sqsSendMessageInActionFormFromQueryParameters() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/send?text=hello%20queue", null);
        assertEquals(200, r.statusCode(), text(r));
        Message m = receiveOne();
        assertEquals("hello queue", m.body());
        assertTrue(text(r).contains(m.messageId()), text(r));
    }

    @Test
    void s3PutObjectAndGetObjectThroughTheApi() throws Exception {
        HttpResponse<byte[]> put = call("PUT", "/files/notes.txt", "first line\nsecond", "Content-Type", "text/plain");
        assertEquals(200, put.statusCode(), text(put));
        assertEquals("first line\nsecond", s3.getObjectAsBytes(b -> b.bucket(bucket).key("notes.txt")).asUtf8String());
        assertEquals("text/plain", s3.headObject(b -> b.bucket(bucket).key("notes.txt")).contentType());

        s3.putObject(b -> b.bucket(bucket).key("from-sdk.txt").contentType("text/plain"), RequestBody.fromString("written by the SDK"));
        HttpResponse<byte[]> get = call("GET", "/files/from-sdk.txt", null);
        assertEquals(200, get.statusCode(), text(get));
        assertEquals("written by the SDK", text(get));
        assertEquals("text/plain", get.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void binaryMediaTypesPassBytesThroughBothWays() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff, (byte) 0xfe, (byte) 0xc3};
        HttpResponse<byte[]> put = Invocations.HTTP.send(HttpRequest.newBuilder(
                        server.endpoint().resolve("/_aws/execute-api/" + api + "/prod/files/pic.png"))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, put.statusCode(), text(put));
        assertArrayEquals(png, s3.getObjectAsBytes(b -> b.bucket(bucket).key("pic.png")).asByteArray());

        HttpResponse<byte[]> get = call("GET", "/files/pic.png", null, "Accept", "image/png");
        assertEquals(200, get.statusCode());
        assertArrayEquals(png, get.body());
        // a text Accept type gets the bytes as text (what AWS answers without a binary type or contentHandling)
        HttpResponse<byte[]> asText = call("GET", "/files/pic.png", null, "Accept", "application/json");
        assertEquals(new String(png, StandardCharsets.UTF_8), text(asText));
    }

    @Test
    void accessLogLinesFollowTheStageFormat() throws Exception {
        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                ApiGatewayClients.op("replace", "/accessLogSettings/destinationArn", "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:access"),
                ApiGatewayClients.op("replace", "/accessLogSettings/format",
                        "$context.requestId $context.httpMethod $context.resourcePath $context.status ${context.stage} $context.error.message")));
        HttpResponse<byte[]> r = call("GET", "/files/absent.txt", null);
        assertEquals(404, r.statusCode());
        String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        HttpResponse<String> logs = Invocations.HTTP.send(HttpRequest.newBuilder(
                server.endpoint().resolve("/_haneul/apigateway/logs/" + api + "/prod")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, logs.statusCode(), logs.body());
        assertTrue(logs.body().contains(id + " GET /files/{key} 404 prod -\n"), logs.body());
    }

    @Test
    void binaryBodiesPassThroughAnHttpIntegration() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xc3, 0x28};
        HttpResponse<byte[]> r = Invocations.HTTP.send(HttpRequest.newBuilder(
                        server.endpoint().resolve("/_aws/execute-api/" + api + "/prod/echo")).header("Content-Type", "image/png")
                .header("Accept", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(png, r.body());
    }

    @Test
    void s3MissingObjectIsSelectedByItsStatus() throws Exception {
        HttpResponse<byte[]> get = call("GET", "/files/absent.txt", null);
        assertEquals(404, get.statusCode(), text(get));
        assertEquals("absent.txt", JSON.readTree(get.body()).get("missing").asText());
    }

    @Test
    void lambdaNonProxyGetsTheMappedEventAndItsAnswer() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/items/42", null);
        assertEquals(200, r.statusCode(), text(r));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("42", body.get("item").asText());
        assertEquals("GET", body.get("seen").asText());
    }

    @Test
    void testInvokeMethodRunsTheRealIntegrationWithoutADeployment() {
        String items = apigw.getResources(b -> b.restApiId(api)).items().stream().filter(x -> x.path().equals("/items/{id}"))
                .findFirst().orElseThrow().id();
        var ok = apigw.testInvokeMethod(b -> b.restApiId(api).resourceId(items).httpMethod("GET").pathWithQueryString("/items/7?x=1")
                .headers(Map.of("Accept", "application/json")));
        assertEquals(200, ok.status(), ok.log());
        assertTrue(ok.body().contains("\"item\": \"7\""), ok.body());
        assertTrue(ok.log().startsWith("Execution log for request "), ok.log());
        assertTrue(ok.log().contains(" : Method completed with status: 200"), ok.log());
        assertTrue(ok.log().contains(" : Method request path: {id=7}"), ok.log());
        assertTrue(ok.latency() >= 0);

        var failed = apigw.testInvokeMethod(b -> b.restApiId(api).resourceId(items).httpMethod("GET").pathWithQueryString("/items/missing"));
        assertEquals(404, failed.status(), failed.log());
        assertTrue(failed.body().contains("NotFound: no item missing"), failed.body());

        var error = org.junit.jupiter.api.Assertions.assertThrows(software.amazon.awssdk.services.apigateway.model.NotFoundException.class,
                () -> apigw.testInvokeMethod(b -> b.restApiId(api).resourceId(items).httpMethod("DELETE")));
        assertEquals("Invalid Method identifier specified", error.awsErrorDetails().errorMessage());
    }

    @Test
    void functionSlowerThanTheIntegrationTimeoutIs504() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/slow", null);
        assertEquals(504, r.statusCode(), text(r));
        assertEquals("Endpoint request timed out", JSON.readTree(r.body()).get("message").asText());
    }

    @Test
    void lambdaErrorIsMappedBySelectionPatternOnItsMessage() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/items/missing", null);
        assertEquals(404, r.statusCode(), text(r));
        assertEquals("NotFound: no item missing", JSON.readTree(r.body()).get("error").asText());
    }
}
