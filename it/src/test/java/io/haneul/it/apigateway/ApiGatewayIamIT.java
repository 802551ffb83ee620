package io.haneul.it.apigateway;

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
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Method authorization {@code AWS_IAM} on a server in {@code --auth strict} mode: SigV4 signatures for
 * {@code execute-api} made by the SDK's signer and by curl's {@code --aws-sigv4}, verified against
 * the credentials file, with API Gateway's 403s for unsigned, unknown-key and badly signed requests;
 * the caller in {@code $context.identity}; and REST API resource policies (IP conditions, explicit
 * Deny, implicit deny, another account's caller let in by name).
 */
class ApiGatewayIamIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "123456789012";
    static final String KEY = "AKIAHANEULAPIGWIAM01";
    static final String SECRET = "apigwIamSecretKeyForTheStrictServer0001";
    static final String OTHER_ACCOUNT = "210987654321";
    static final String OTHER_KEY = "AKIAHANEULAPIGWIAM02";
    static final String OTHER_SECRET = "apigwIamSecretKeyForTheOtherAccount0002";
    static final String IDENTITY = "{\"account\":\"$context.identity.accountId\",\"userArn\":\"$context.identity.userArn\","
            + "\"accessKey\":\"$context.identity.accessKey\"}";

    @TempDir
    static Path dir;
    static TestServer server;
    static ApiGatewayClient apigw;
    static String api;
    static String guarded;
    static String shared;

    @BeforeAll
    static void start() throws Exception {
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, KEY + " " + SECRET + " " + ACCOUNT + "\n" + OTHER_KEY + " " + OTHER_SECRET + " " + OTHER_ACCOUNT + "\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
        apigw = ApiGatewayClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build();
        api = apigw.createRestApi(b -> b.name("iam")).id();
        method(api, "iam", "AWS_IAM");
        method(api, "open", "NONE");
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod"));

        guarded = apigw.createRestApi(b -> b.name("guarded").policy("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
                   "Resource": ["execute-api:/*/GET/open", "execute-api:/*/GET/blocked", "execute-api:/*/GET/far"]},
                  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/blocked",
                   "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}},
                  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/far",
                   "Condition": {"NotIpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}}
                ]}""")).id();
        for (String path : List.of("open", "blocked", "far", "unlisted")) {
            method(guarded, path, "NONE");
        }
        apigw.createDeployment(b -> b.restApiId(guarded).stageName("prod"));

        shared = apigw.createRestApi(b -> b.name("shared").policy("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                + " \"Principal\": {\"AWS\": \"arn:aws:iam::" + OTHER_ACCOUNT + ":root\"}, \"Action\": \"execute-api:Invoke\","
                + " \"Resource\": \"arn:aws:execute-api:us-east-1:" + ACCOUNT + ":*/*/GET/iam\"}]}")).id();
        method(shared, "iam", "AWS_IAM");
        apigw.createDeployment(b -> b.restApiId(shared).stageName("prod"));
    }

    @AfterAll
    static void stop() throws Exception {
        apigw.close();
        server.close();
    }

    static void method(String restApi, String path, String authorization) {
        String root = apigw.getRestApi(b -> b.restApiId(restApi)).rootResourceId();
        String resource = apigw.createResource(b -> b.restApiId(restApi).parentId(root).pathPart(path)).id();
        apigw.putMethod(b -> b.restApiId(restApi).resourceId(resource).httpMethod("GET").authorizationType(authorization));
        apigw.putIntegration(b -> b.restApiId(restApi).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(restApi).resourceId(resource).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(restApi).resourceId(resource).httpMethod("GET").statusCode("200")
                .responseTemplates(Map.of("application/json", IDENTITY)));
    }

    static URI url(String restApi, String path) {
        return server.endpoint().resolve("/_aws/execute-api/" + restApi + "/prod" + path);
    }

    /** A GET signed by the SDK's own SigV4 signer for {@code execute-api}. */
    static HttpResponse<byte[]> signedGet(URI uri, String key, String secret) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(request).identity(AwsCredentialsIdentity.create(key, secret))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return Invocations.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(URI uri) throws Exception {
        return Invocations.HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String errorType(HttpResponse<byte[]> r) {
        return r.headers().firstValue("x-amzn-ErrorType").orElse(null);
    }

    @Test
    void aSignedCallerIsLetInAndNamedInTheContext() throws Exception {
        HttpResponse<byte[]> r = signedGet(url(api, "/iam"), KEY, SECRET);
        assertEquals(200, r.statusCode(), text(r));
        JsonNode identity = JSON.readTree(r.body());
        assertEquals(ACCOUNT, identity.get("account").asText());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":root", identity.get("userArn").asText());
        assertEquals(KEY, identity.get("accessKey").asText());
    }

    @Test
    void curlsSigV4IsAccepted() throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user", KEY + ":" + SECRET,
                url(api, "/iam").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ACCOUNT, JSON.readTree(out).get("account").asText(), out);
    }

    @Test
    void unsignedRequestsAreMissingTheirToken() throws Exception {
        HttpResponse<byte[]> r = get(url(api, "/iam"));
        assertEquals(403, r.statusCode());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", text(r));
        assertEquals("MissingAuthenticationTokenException", errorType(r));
        assertEquals(200, get(url(api, "/open")).statusCode(), "a method without authorization");
    }

    @Test
    void badSignaturesAndUnknownKeysAreRefusedAsAws() throws Exception {
        HttpResponse<byte[]> wrongSecret = signedGet(url(api, "/iam"), KEY, "not-the-secret");
        assertEquals(403, wrongSecret.statusCode());
        assertEquals("InvalidSignatureException", errorType(wrongSecret));
        assertTrue(JSON.readTree(wrongSecret.body()).get("message").asText()
                .startsWith("The request signature we calculated does not match the signature you provided."), text(wrongSecret));
        HttpResponse<byte[]> unknown = signedGet(url(api, "/iam"), "AKIAUNKNOWNKEY000000", SECRET);
        assertEquals(403, unknown.statusCode());
        assertEquals("UnrecognizedClientException", errorType(unknown));
        assertEquals("The security token included in the request is invalid.", JSON.readTree(unknown.body()).get("message").asText());
    }

    @Test
    void anotherAccountsCallerNeedsTheResourcePolicy() throws Exception {
        HttpResponse<byte[]> refused = signedGet(url(api, "/iam"), OTHER_KEY, OTHER_SECRET);
        assertEquals(403, refused.statusCode(), text(refused));
        assertEquals("User: arn:aws:iam::" + OTHER_ACCOUNT + ":root is not authorized to perform: execute-api:Invoke on resource: "
                        + "arn:aws:execute-api:us-east-1:********9012:" + api + "/prod/GET/iam because no resource-based policy allows the"
                        + " execute-api:Invoke action", JSON.readTree(refused.body()).get("message").asText());
        assertEquals("AccessDeniedException", errorType(refused));
        HttpResponse<byte[]> allowed = signedGet(url(shared, "/iam"), OTHER_KEY, OTHER_SECRET);
        assertEquals(200, allowed.statusCode(), text(allowed));
        assertEquals(OTHER_ACCOUNT, JSON.readTree(allowed.body()).get("account").asText());
    }

    @Test
    void resourcePoliciesJudgeAnonymousCallers() throws Exception {
        assertEquals(200, get(url(guarded, "/open")).statusCode());
        HttpResponse<byte[]> far = get(url(guarded, "/far"));
        assertEquals(200, far.statusCode(), "NotIpAddress: a local caller is not far: " + text(far));
        HttpResponse<byte[]> blocked = get(url(guarded, "/blocked"));
        assertEquals(403, blocked.statusCode());
        assertEquals("User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:"
                + "********9012:" + guarded + "/prod/GET/blocked with an explicit deny", JSON.readTree(blocked.body()).get("message").asText());
        assertEquals("AccessDeniedException", errorType(blocked));
        HttpResponse<byte[]> unlisted = get(url(guarded, "/unlisted"));
        assertEquals(403, unlisted.statusCode());
        assertTrue(JSON.readTree(unlisted.body()).get("message").asText().endsWith("/prod/GET/unlisted because no resource-based policy"
                + " allows the execute-api:Invoke action"), text(unlisted));
    }

    @Test
    void policiesThatDoNotParseAreRefused() {
        for (String policy : List.of("not json", "{\"Statement\": [{\"Effect\": \"Perhaps\", \"Action\": \"*\"}]}")) {
            var e = assertThrows(software.amazon.awssdk.services.apigateway.model.BadRequestException.class,
                    () -> apigw.createRestApi(b -> b.name("bad").policy(policy)));
            assertEquals("Invalid policy document. Please check the policy syntax and ensure that Principals are valid.",
                    e.awsErrorDetails().errorMessage());
        }
        assertThrows(software.amazon.awssdk.services.apigateway.model.BadRequestException.class, () -> apigw.updateRestApi(b -> b
                .restApiId(guarded).patchOperations(ApiGatewayClients.op("replace", "/policy", "{"))));
    }
}
