package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ContentHandlingStrategy;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.haneul.it.apigateway.ApiGatewayClients.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * contentHandling on MOCK and Lambda (non-proxy) integrations: a MOCK answer's base64 template
 * served as bytes ({@code CONVERT_TO_BINARY}), a binary request body seen by a template as base64,
 * handed to a Python function and its base64 answer turned back into the same bytes, and
 * {@code CONVERT_TO_TEXT} leaving a template's text as it is.
 */
class ApiGatewayContentHandlingIT {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xc3, 0x28, 1, 2, 3};
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
        String name = "binary-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/r")
                .handler("app.handler").timeout(10).code(c -> c.zipFile(ApiGatewayLambdaProxyIT.zip("app.py",
                        "def handler(event, context):\n    return event['body']\n"))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:"
                + name + "/invocations";

        api = apigw.createRestApi(b -> b.name("binary").binaryMediaTypes("image/png", "application/octet-stream")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String icon = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("icon")).id();
        mock(icon, "image/png", Base64.getEncoder().encodeToString(PNG), ContentHandlingStrategy.CONVERT_TO_BINARY);
        String text = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("text")).id();
        mock(text, "text/plain", "aGVsbG8=", ContentHandlingStrategy.CONVERT_TO_TEXT);

        String echo = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("echo")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").type(IntegrationType.AWS)
                .integrationHttpMethod("POST").uri(uri)
                .requestTemplates(Map.of("application/octet-stream", "{\"body\":\"$input.body\"}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(echo).httpMethod("POST").statusCode("200")
                .contentHandling(ContentHandlingStrategy.CONVERT_TO_BINARY)
                .responseParameters(Map.of("method.response.header.Content-Type", "'application/octet-stream'")));
        lambda.addPermission(b -> b.functionName(name).statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/*/POST/echo"));
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        apigw.close();
        server.close();
    }

    static void mock(String resource, String type, String template, ContentHandlingStrategy handling) {
        apigw.putMethod(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200")
                .contentHandling(handling).responseTemplates(Map.of(type, template)));
    }

    @Test
    void mockServesItsBase64TemplateAsBytes() throws Exception {
        HttpResponse<byte[]> r = Invocations.get(server, api, "prod", "/icon", "Accept", "image/png");
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(PNG, r.body());
        HttpResponse<byte[]> text = Invocations.get(server, api, "prod", "/text", "Accept", "text/plain");
        assertEquals("aGVsbG8=", new String(text.body()), "CONVERT_TO_TEXT keeps the template's text");
    }

    @Test
    void lambdaNonProxyRoundTripsBinaryThroughBase64() throws Exception {
        HttpResponse<byte[]> r = Invocations.HTTP.send(HttpRequest.newBuilder(
                        server.endpoint().resolve("/_aws/execute-api/" + api + "/prod/echo")).header("Content-Type", "application/octet-stream")
                .header("Accept", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(PNG)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertArrayEquals(PNG, r.body());
    }
}
