package io.haneul.it.lambda;

import io.haneul.it.support.HandSigner;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under {@code --auth strict}: functions still reach the Runtime API (unsigned; the environment id
 * in the path is their credential, a made-up one is refused), and the kept logs show each signer
 * its own account only.
 */
class LambdaStrictIT {

    static final String ACCOUNT_A = "111111111111";
    static final String ACCOUNT_B = "222222222222";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path creds = Files.createTempDirectory("haneul-lambda-strict").resolve("credentials");
        Files.writeString(creds, "AKIDA secret-a " + ACCOUNT_A + "\nAKIDB secret-b " + ACCOUNT_B + "\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static LambdaClient client(String key, String secret) {
        return LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    static HttpResponse<String> logs(String key, String secret, String query) throws Exception {
        String path = "/_haneul/lambda/logs/shared";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path + (query.isEmpty() ? "" : "?" + query)));
        if (key != null) {
            new HandSigner(key, secret, "us-east-1", "haneul")
                    .signHeaders("GET", "127.0.0.1:" + server.port(), path, query, Instant.now()).forEach(b::header);
        }
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void functionsRunAndLogsStayInTheirAccount() throws Exception {
        for (String[] k : new String[][]{{"AKIDA", "secret-a", "from A"}, {"AKIDB", "secret-b", "from B"}}) {
            String account = k[0].equals("AKIDA") ? ACCOUNT_A : ACCOUNT_B;
            try (LambdaClient lambda = client(k[0], k[1]);
                 IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(k[0], k[1]))).build()) {
                // strict mode checks the execution role: it must exist and trust Lambda
                iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(LambdaRoleCredentialsIT.TRUST_LAMBDA));
                lambda.createFunction(b -> b.functionName("shared").runtime("python3.12").role("arn:aws:iam::" + account + ":role/r")
                        .handler("app.handler").code(c -> c.zipFile(Zips.of(Map.of("app.py",
                                "def handler(event, context):\n    print('" + k[2] + "')\n    return '" + k[2] + "'\n")))));
                lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("shared"));
                assertEquals("\"" + k[2] + "\"", lambda.invoke(b -> b.functionName("shared")
                        .payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String());
            }
        }
        HttpResponse<String> a = logs("AKIDA", "secret-a", "");
        assertEquals(200, a.statusCode(), a.body());
        assertTrue(a.body().contains("from A") && !a.body().contains("from B"), a.body());
        HttpResponse<String> b = logs("AKIDB", "secret-b", "");
        assertTrue(b.body().contains("from B") && !b.body().contains("from A"), b.body());
        assertEquals(403, logs("AKIDA", "secret-a", "account=" + ACCOUNT_B).statusCode());
        assertEquals(403, logs(null, null, "").statusCode());
    }

    @Test
    void aMadeUpEnvironmentIdIsRefused() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.endpoint()
                    + "/_aws/lambda-runtime/0123456789abcdef0123456789abcdef/2018-06-01/runtime/invocation/next")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), r.body());
            assertFalse(r.body().contains("requestId"));
        }
    }
}
