package io.haneul.it.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.haneul.it.apigatewayv2.V2Clients.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invoking HTTP APIs over plain HTTP: route selection with {@code $default}, the stage prefix, payload
 * format 2.0 and 1.0 events to a real Python function and their responses (with inference for a bare
 * value), HTTP_PROXY to a local backend, automatic CORS preflight, and JWT authorizers checked
 * against a JWKS the test serves itself.
 */
class ApiGatewayV2InvokeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String FUNCTION = """
            import json
            def handler(event, context):
                if event.get("type") == "REQUEST":
                    return {"isAuthorized": event["headers"].get("x-token") == "good", "context": {"user": "u1"}}
                path = event.get("rawPath") or event.get("path")
                if path.endswith("/bare"):
                    return {"hello": "world"}
                if path.endswith("/text"):
                    return "plain"
                return {"statusCode": 201, "headers": {"x-from": "lambda"}, "cookies": ["s=1"], "body": json.dumps(event)}
            """;

    static TestServer server;
    static ApiGatewayV2Client v2;
    static LambdaClient lambda;
    static HttpServer backend;
    static RSAKey key;
    static String api;
    static String issuer;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        v2 = V2Clients.client(server);
        lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] out = exchange.getRequestURI().getPath().startsWith("/.well-known/jwks.json")
                    ? new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8)
                    : (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("X-Custom"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Backend", "yes");
            exchange.getResponseHeaders().add("X-Proxy-Authorization-Received",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Proxy-Authorization")));
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        backend.start();
        issuer = "http://127.0.0.1:" + backend.getAddress().getPort();

        String name = "apigwv2-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/r")
                .handler("app.handler").timeout(10).code(c -> c.zipFile(zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String functionArn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;

        api = v2.createApi(b -> b.name("invoke").protocolType(ProtocolType.HTTP)
                .corsConfiguration(c -> c.allowOrigins("https://app.example.com").allowMethods("GET", "POST").allowHeaders("authorization")
                        .maxAge(300).exposeHeaders("x-from"))).apiId();
        lambda.addPermission(b -> b.functionName(name).statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/*"));
        String v2Integration = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(functionArn).payloadFormatVersion("2.0")).integrationId();
        String v1Integration = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations")
                .payloadFormatVersion("1.0")).integrationId();
        String proxy = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("ANY")
                .integrationUri(issuer + "/backend/{proxy}").payloadFormatVersion("1.0")).integrationId();
        String authorizer = v2.createAuthorizer(b -> b.apiId(api).name("jwt").authorizerType(AuthorizerType.JWT)
                .identitySource("$request.header.Authorization").jwtConfiguration(j -> j.issuer(issuer).audience("my-app"))).authorizerId();
        for (String key : List.of("GET /items/{id}", "GET /items/special", "GET /bare", "GET /text", "$default")) {
            v2.createRoute(b -> b.apiId(api).routeKey(key).target("integrations/" + v2Integration));
        }
        v2.createRoute(b -> b.apiId(api).routeKey("ANY /v1/{proxy+}").target("integrations/" + v1Integration));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /proxy/{proxy+}").target("integrations/" + proxy));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /secure").target("integrations/" + v2Integration)
                .authorizationType(AuthorizationType.JWT).authorizerId(authorizer));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /admin").target("integrations/" + v2Integration)
                .authorizationType(AuthorizationType.JWT).authorizerId(authorizer).authorizationScopes("admin"));
        String custom = v2.createAuthorizer(b -> b.apiId(api).name("lambda").authorizerType(AuthorizerType.REQUEST)
                .identitySource("$request.header.x-token").authorizerPayloadFormatVersion("2.0").enableSimpleResponses(true)
                .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations")).authorizerId();
        v2.createRoute(b -> b.apiId(api).routeKey("GET /custom").target("integrations/" + v2Integration)
                .authorizationType(AuthorizationType.CUSTOM).authorizerId(custom));
        String mapped = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("ANY")
                .integrationUri(issuer + "/unused").payloadFormatVersion("1.0")
                .requestParameters(java.util.Map.of("append:header.X-Custom", "mapped-$request.querystring.who",
                        "overwrite:path", "/mapped/${request.path.id}", "remove:querystring.drop", "''"))
                .responseParameters(java.util.Map.of("200", java.util.Map.of("overwrite:statuscode", "202",
                        "append:header.x-mapped", "$response.header.X-Backend")))).integrationId();
        v2.createRoute(b -> b.apiId(api).routeKey("GET /mapped/{id}").target("integrations/" + mapped));
        v2.createRoute(b -> b.apiId(api).routeKey("GET /throttled").target("integrations/" + proxy));
        v2.createStage(b -> b.apiId(api).stageName("$default").autoDeploy(true).routeSettings(java.util.Map.of("GET /throttled",
                software.amazon.awssdk.services.apigatewayv2.model.RouteSettings.builder().throttlingBurstLimit(0).throttlingRateLimit(0.0).build())));
        String deployment = v2.createDeployment(b -> b.apiId(api)).deploymentId();
        v2.createStage(b -> b.apiId(api).stageName("prod").deploymentId(deployment).stageVariables(java.util.Map.of("env", "production")));
    }

    @AfterAll
    static void stop() throws Exception {
        backend.stop(0);
        lambda.close();
        v2.close();
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

    static HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/_aws/execute-api/" + api + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void payloadTwoEventAndResponse() throws Exception {
        HttpResponse<String> r = call("GET", "/items/42?a=1&a=2&b=x", null, "Cookie", "c1=v1; c2=v2", "X-Multi", "one", "X-Multi", "two");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("lambda", r.headers().firstValue("x-from").orElse(null));
        assertEquals(List.of("s=1"), r.headers().allValues("set-cookie"));
        JsonNode e = JSON.readTree(r.body());
        assertEquals("2.0", e.get("version").asText());
        assertEquals("GET /items/{id}", e.get("routeKey").asText());
        assertEquals("/items/42", e.get("rawPath").asText());
        assertEquals("a=1&a=2&b=x", e.get("rawQueryString").asText());
        assertEquals("1,2", e.at("/queryStringParameters/a").asText());
        assertEquals("[\"c1=v1\",\"c2=v2\"]", e.get("cookies").toString());
        assertEquals("one,two", e.at("/headers/x-multi").asText());
        assertTrue(e.at("/headers/cookie").isMissingNode());
        assertEquals("42", e.at("/pathParameters/id").asText());
        assertEquals("GET", e.at("/requestContext/http/method").asText());
        assertEquals("$default", e.at("/requestContext/stage").asText());
        assertEquals(ACCOUNT, e.at("/requestContext/accountId").asText());
        assertTrue(e.at("/requestContext/timeEpoch").asLong() > 0);
        assertEquals(false, e.get("isBase64Encoded").asBoolean());
    }

    @Test
    void routeSelectionPrefersLiteralsThenVariablesThenGreedyThenDefault() throws Exception {
        assertEquals("GET /items/special", JSON.readTree(call("GET", "/items/special", null).body()).get("routeKey").asText());
        assertEquals("$default", JSON.readTree(call("GET", "/items/1/more", null).body()).get("routeKey").asText());
        assertEquals("$default", JSON.readTree(call("DELETE", "/items/1", null).body()).get("routeKey").asText());
        assertEquals("/v1/{proxy+}", JSON.readTree(call("DELETE", "/v1/a/b", null).body()).get("resource").asText());
    }

    @Test
    void payloadOneEvent() throws Exception {
        HttpResponse<String> r = call("POST", "/v1/a/b?q=1", "{\"n\":1}", "Content-Type", "application/json");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body());
        assertEquals("1.0", e.get("version").asText());
        assertEquals("/v1/{proxy+}", e.get("resource").asText());
        assertEquals("POST", e.get("httpMethod").asText());
        assertEquals("a/b", e.at("/pathParameters/proxy").asText());
        assertEquals("1", e.at("/multiValueQueryStringParameters/q/0").asText());
        assertEquals("{\"n\":1}", e.get("body").asText());
    }

    @Test
    void bareValuesAreInferredResponses() throws Exception {
        HttpResponse<String> r = call("GET", "/bare", null);
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
        assertEquals("{\"hello\":\"world\"}", r.body());
        assertEquals("plain", call("GET", "/text", null).body());
    }

    @Test
    void namedStagesArePrefixedAndServeTheirDeployment() throws Exception {
        JsonNode e = JSON.readTree(call("GET", "/prod/items/7", null).body());
        assertEquals("prod", e.at("/requestContext/stage").asText());
        assertEquals("/prod/items/7", e.get("rawPath").asText());
        assertEquals("production", e.at("/stageVariables/env").asText());
        String late = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET")
                .integrationUri(issuer + "/late").payloadFormatVersion("1.0")).integrationId();
        v2.createRoute(b -> b.apiId(api).routeKey("GET /late").target("integrations/" + late));
        assertEquals("GET /late null", call("GET", "/late", null).body());
        assertEquals("$default", JSON.readTree(call("GET", "/prod/late", null).body()).get("routeKey").asText());
    }

    @Test
    void httpProxyForwardsToTheBackend() throws Exception {
        HttpResponse<String> r = call("GET", "/proxy/x/y?z=1", null, "X-Custom", "c");
        assertEquals(200, r.statusCode());
        assertEquals("GET /backend/x/y?z=1 c", r.body());
        assertEquals("yes", r.headers().firstValue("x-backend").orElse(null));
    }

    @Test
    void httpProxyDoesNotForwardProxyAuthorization() {
        // raw, because java.net.http drops Proxy-Authorization when no proxy is used
        RawHttp.Response r = RawHttp.send(server.port(), "GET", "/_aws/execute-api/" + api + "/proxy/x/y",
                java.util.Map.of("X-Custom", "c", "Proxy-Authorization", "Basic c2VjcmV0"), (byte[]) null);
        assertEquals(200, r.status());
        assertEquals("GET /backend/x/y c", r.text());
        assertEquals("null", r.header("X-Proxy-Authorization-Received"), "the proxy's credentials are not the backend's");
    }

    @Test
    void corsPreflightIsAnsweredByTheGateway() throws Exception {
        HttpResponse<String> r = call("OPTIONS", "/items/1", null, "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET");
        assertEquals(204, r.statusCode());
        assertEquals("https://app.example.com", r.headers().firstValue("access-control-allow-origin").orElse(null));
        assertEquals("GET,POST", r.headers().firstValue("access-control-allow-methods").orElse(null));
        assertEquals("300", r.headers().firstValue("access-control-max-age").orElse(null));
        HttpResponse<String> other = call("OPTIONS", "/items/1", null, "Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET");
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
        HttpResponse<String> actual = call("GET", "/items/1", null, "Origin", "https://app.example.com");
        assertEquals("https://app.example.com", actual.headers().firstValue("access-control-allow-origin").orElse(null));
    }

    @Test
    void noRouteIsNotFound() throws Exception {
        String bare = v2.createApi(b -> b.name("empty").protocolType(ProtocolType.HTTP)).apiId();
        v2.createStage(b -> b.apiId(bare).stageName("$default").autoDeploy(true));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.endpoint().resolve("/_aws/execute-api/" + bare + "/anything")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", r.body());
    }

    static String token(String audience, Instant expires, String scope) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("user-1")
                .expirationTime(Date.from(expires)).issueTime(new Date());
        if (scope != null) {
            claims.claim("scope", scope);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void jwtAuthorizerChecksSignatureIssuerAudienceExpiryAndScopes() throws Exception {
        Instant later = Instant.now().plusSeconds(600);
        HttpResponse<String> ok = call("GET", "/secure", null, "Authorization", "Bearer " + token("my-app", later, "read"));
        assertEquals(201, ok.statusCode(), ok.body());
        JsonNode e = JSON.readTree(ok.body());
        assertEquals("user-1", e.at("/requestContext/authorizer/jwt/claims/sub").asText());
        assertEquals("read", e.at("/requestContext/authorizer/jwt/scopes/0").asText());

        HttpResponse<String> missing = call("GET", "/secure", null);
        assertEquals(401, missing.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", missing.body());
        assertEquals(401, call("GET", "/secure", null, "Authorization", token("other-app", later, null)).statusCode());
        assertEquals(401, call("GET", "/secure", null, "Authorization", token("my-app", Instant.now().minusSeconds(60), null)).statusCode());
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience("my-app").expirationTime(Date.from(later)).build());
        forged.sign(new RSASSASigner(stranger));
        assertEquals(401, call("GET", "/secure", null, "Authorization", forged.serialize()).statusCode());

        HttpResponse<String> forbidden = call("GET", "/admin", null, "Authorization", token("my-app", later, "read"));
        assertEquals(403, forbidden.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", forbidden.body());
        assertEquals(201, call("GET", "/admin", null, "Authorization", token("my-app", later, "read admin")).statusCode());
    }

    @Test
    void requestAuthorizerWithSimpleResponses() throws Exception {
        assertEquals(401, call("GET", "/custom", null).statusCode());
        HttpResponse<String> refused = call("GET", "/custom", null, "x-token", "bad");
        assertEquals(403, refused.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", refused.body());
        HttpResponse<String> ok = call("GET", "/custom", null, "x-token", "good");
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals("u1", JSON.readTree(ok.body()).at("/requestContext/authorizer/lambda/user").asText());
    }

    @Test
    void parameterMappingRewritesTheBackendRequestAndTheResponse() throws Exception {
        HttpResponse<String> r = call("GET", "/mapped/5?who=me&drop=1&keep=2", null);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("GET /mapped/5?who=me&keep=2 mapped-me", r.body());
        assertEquals("yes", r.headers().firstValue("x-mapped").orElse(null));
    }

    @Test
    void routeThrottlingAnswers429() throws Exception {
        HttpResponse<String> r = call("GET", "/throttled", null);
        assertEquals(429, r.statusCode());
        assertEquals("{\"message\":\"Too Many Requests\"}", r.body());
    }

    @Test
    void sqsSendMessageServiceIntegration() throws Exception {
        try (software.amazon.awssdk.services.sqs.SqsClient sqs = software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build()) {
            String queueUrl = sqs.createQueue(b -> b.queueName("apigwv2-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
            String integration = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                    .integrationSubtype("SQS-SendMessage").payloadFormatVersion("1.0")
                    .credentialsArn("arn:aws:iam::" + ACCOUNT + ":role/apigw-sqs")
                    .requestParameters(java.util.Map.of("QueueUrl", queueUrl, "MessageBody", "$request.body.message"))).integrationId();
            v2.createRoute(b -> b.apiId(api).routeKey("POST /queue").target("integrations/" + integration));
            HttpResponse<String> r = call("POST", "/queue", "{\"message\":\"hello queue\"}", "Content-Type", "application/json");
            assertEquals(200, r.statusCode(), r.body());
            String messageId = JSON.readTree(r.body()).at("/SendMessageResponse/SendMessageResult/MessageId").asText();
            String receiver = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                    .integrationSubtype("SQS-ReceiveMessage").payloadFormatVersion("1.0")
                    .credentialsArn("arn:aws:iam::" + ACCOUNT + ":role/apigw-sqs")
                    .requestParameters(java.util.Map.of("QueueUrl", queueUrl, "MaxNumberOfMessages", "5"))).integrationId();
            v2.createRoute(b -> b.apiId(api).routeKey("GET /queue").target("integrations/" + receiver));
            String deleter = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                    .integrationSubtype("SQS-DeleteMessage").payloadFormatVersion("1.0")
                    .credentialsArn("arn:aws:iam::" + ACCOUNT + ":role/apigw-sqs")
                    .requestParameters(java.util.Map.of("QueueUrl", queueUrl, "ReceiptHandle", "$request.header.x-receipt"))).integrationId();
            v2.createRoute(b -> b.apiId(api).routeKey("DELETE /queue").target("integrations/" + deleter));

            JsonNode received = JSON.readTree(call("GET", "/queue", null).body()).at("/ReceiveMessageResponse/ReceiveMessageResult/messages");
            assertEquals(1, received.size(), received.toString());
            assertEquals("hello queue", received.get(0).get("Body").asText());
            assertEquals(messageId, received.get(0).get("MessageId").asText());
            HttpResponse<String> deleted = call("DELETE", "/queue", null, "x-receipt", received.get(0).get("ReceiptHandle").asText());
            assertEquals(200, deleted.statusCode(), deleted.body());
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("All")).attributesAsStrings();
            assertEquals("0", attributes.get("ApproximateNumberOfMessagesNotVisible"), attributes.toString());
            assertEquals("0", attributes.get("ApproximateNumberOfMessages"), attributes.toString());
        }
    }
}
