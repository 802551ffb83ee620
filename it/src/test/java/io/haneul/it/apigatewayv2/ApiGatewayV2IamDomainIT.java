package io.haneul.it.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP APIs on a server in {@code --auth strict} mode: {@code AWS_IAM} routes (unsigned and badly
 * signed requests refused with 403, a signed caller in {@code requestContext.authorizer.iam}), a
 * custom domain name's API mappings reached with a {@code Host} header, the stage's access log,
 * request and response parameter mapping on a Lambda integration, and {@code SQS-PurgeQueue}.
 */
class ApiGatewayV2IamDomainIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ACCOUNT = "123456789012";
    static final String KEY = "AKIAHANEULHTTPAPI001";
    static final String SECRET = "httpApiIamSecretKeyForTheStrictServer01";
    static final String FUNCTION = """
            import json
            def handler(event, context):
                return {"statusCode": 200, "headers": {"x-from": "lambda"}, "body": json.dumps(event)}
            """;

    @TempDir
    static Path dir;
    static TestServer server;
    static ApiGatewayV2Client v2;
    static String api;
    static String domain = "api.example.test";

    @BeforeAll
    static void start() throws Exception {
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, KEY + " " + SECRET + " " + ACCOUNT + "\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET));
        v2 = ApiGatewayV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
        LambdaClient lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
        // strict mode checks the execution role: it must exist and trust Lambda
        software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).build()
                .createRole(b -> b.roleName("r").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        String name = "v2iam-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/r")
                .handler("app.handler").timeout(10).code(c -> c.zipFile(ApiGatewayV2InvokeIT.zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String functionArn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;

        api = v2.createApi(b -> b.name("iam").protocolType(ProtocolType.HTTP)).apiId();
        lambda.addPermission(b -> b.functionName(name).statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/*"));
        String plain = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(functionArn).payloadFormatVersion("2.0")).integrationId();
        String mapped = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(functionArn).payloadFormatVersion("2.0")
                .requestParameters(Map.of("append:header.x-tag", "$request.querystring.tag", "overwrite:querystring.added", "yes",
                        "remove:header.x-secret", "''", "overwrite:path", "/rewritten"))
                .responseParameters(Map.of("200", Map.of("overwrite:statuscode", "202", "append:header.x-mapped", "done")))).integrationId();
        v2.createRoute(b -> b.apiId(api).routeKey("GET /iam").authorizationType(AuthorizationType.AWS_IAM).target("integrations/" + plain));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /open").target("integrations/" + plain));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /mapped").target("integrations/" + mapped));
        v2.createStage(b -> b.apiId(api).stageName("$default").autoDeploy(true)
                .accessLogSettings(a -> a.destinationArn("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:access")
                        .format("$context.requestId $context.routeKey $context.status $context.path $context.domainName")));

        v2.createDomainName(b -> b.domainName(domain).domainNameConfigurations(c -> c.certificateArn("arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/c")));
        v2.createApiMapping(b -> b.domainName(domain).apiId(api).stage("$default").apiMappingKey("v1"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static URI url(String path) {
        return server.endpoint().resolve("/_aws/execute-api/" + api + path);
    }

    static HttpResponse<String> signedGet(URI uri, String secret) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(request).identity(AwsCredentialsIdentity.create(KEY, secret))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the Host header a custom domain's client sends (java.net.http will not set Host), over a plain socket. */
    static String[] hostGet(String host, String path) throws Exception {
        try (Socket socket = new Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (true) {
                    int eol = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                body = joined.toString();
            }
            return new String[]{head.split(" ")[1], body};
        }
    }

    @Test
    void iamRoutesNeedASignatureForExecuteApiAndPassTheCaller() throws Exception {
        HttpResponse<String> unsigned = get(url("/iam"));
        assertEquals(403, unsigned.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", unsigned.body());

        HttpResponse<String> badlySigned = signedGet(url("/iam"), "not-the-secret");
        assertEquals(403, badlySigned.statusCode());
        assertTrue(JSON.readTree(badlySigned.body()).path("message").asText().contains("signature"), badlySigned.body());

        HttpResponse<String> signed = signedGet(url("/iam"), SECRET);
        assertEquals(200, signed.statusCode(), signed.body());
        JsonNode iam = JSON.readTree(signed.body()).path("requestContext").path("authorizer").path("iam");
        assertEquals(ACCOUNT, iam.path("accountId").asText());
        assertEquals(KEY, iam.path("accessKey").asText());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":root", iam.path("userArn").asText());

        assertEquals(200, get(url("/open")).statusCode());
    }

    @Test
    void customDomainRoutesByApiMappingKey() throws Exception {
        String[] mapped = hostGet(domain, "/v1/open?x=1");
        assertEquals("200", mapped[0], mapped[1]);
        JsonNode event = JSON.readTree(mapped[1]);
        assertEquals("GET /open", event.path("routeKey").asText());
        assertEquals(domain, event.path("requestContext").path("domainName").asText());
        assertEquals("$default", event.path("requestContext").path("stage").asText());

        String[] unmapped = hostGet(domain, "/v2/open");
        assertEquals("404", unmapped[0]);
        assertEquals("{\"message\":\"Not Found\"}", unmapped[1]);

        String[] iam = hostGet(domain, "/v1/iam");
        assertEquals("403", iam[0]);
    }

    @Test
    void stageAccessLogHasALinePerRequest() throws Exception {
        HttpResponse<String> answer = get(url("/open"));
        String requestId = answer.headers().firstValue("apigw-requestid").orElseThrow();
        get(url("/nowhere"));
        String log = signedGet(server.endpoint().resolve("/_haneul/apigateway/logs/" + api + "/%24default"), SECRET).body();
        assertTrue(log.contains(requestId + " GET /open 200 /open "), log);
        assertTrue(log.contains(" - 404 /nowhere "), log);
    }

    @Test
    void lambdaIntegrationAppliesRequestAndResponseParameterMapping() throws Exception {
        HttpResponse<String> answer = get(url("/mapped?tag=blue"), "x-secret", "s3cr3t");
        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals("done", answer.headers().firstValue("x-mapped").orElse(null));
        JsonNode event = JSON.readTree(answer.body());
        assertEquals("blue", event.path("headers").path("x-tag").asText());
        assertTrue(event.path("headers").path("x-secret").isMissingNode(), event.path("headers").toString());
        assertEquals("yes", event.path("queryStringParameters").path("added").asText());
        assertEquals("/rewritten", event.path("rawPath").asText());
    }

    @Test
    void sqsPurgeQueueSubtypeEmptiesTheQueueOnceAMinute() throws Exception {
        SqsClient sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build();
        String queue = sqs.createQueue(b -> b.queueName("purge-me")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("one"));
        String purge = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY).integrationSubtype("SQS-PurgeQueue")
                .payloadFormatVersion("1.0").credentialsArn("arn:aws:iam::" + ACCOUNT + ":role/apigw")
                .requestParameters(Map.of("QueueUrl", queue))).integrationId();
        v2.createRoute(b -> b.apiId(api).routeKey("DELETE /queue").target("integrations/" + purge));

        HttpResponse<String> purged = HTTP.send(HttpRequest.newBuilder(url("/queue")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, purged.statusCode(), purged.body());
        assertTrue(JSON.readTree(purged.body()).has("PurgeQueueResponse"), purged.body());
        assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));

        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(url("/queue")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, again.statusCode(), again.body());
        assertTrue(again.body().contains("PurgeQueueInProgress"), again.body());

        assertThrows(BadRequestException.class, () -> v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                .integrationSubtype("SQS-Explode").payloadFormatVersion("1.0").requestParameters(Map.of("QueueUrl", queue))));
    }
}
