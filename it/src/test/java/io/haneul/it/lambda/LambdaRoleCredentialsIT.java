package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Under {@code --auth strict}: a function's process gets temporary credentials of its execution
 * role (from STS), so boto3 inside the function signs its SQS calls and they are accepted, acting
 * in the function's account; CreateFunction refuses a role that does not exist or whose trust
 * policy does not let Lambda assume it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaRoleCredentialsIT {

    static final String ACCOUNT = "111111111111";
    static final String TRUST_LAMBDA = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    static final String TRUST_EC2 = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    TestServer server;
    LambdaClient lambda;
    IamClient iam;
    SqsClient sqs;

    @BeforeAll
    void start() throws Exception {
        Path creds = Files.createTempDirectory("haneul-lambda-roles").resolve("credentials");
        Files.writeString(creds, "AKIDA secret-a " + ACCOUNT + "\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
        var keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDA", "secret-a"));
        lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL).credentialsProvider(keys).build();
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        iam.createRole(b -> b.roleName("lambda-exec").assumeRolePolicyDocument(TRUST_LAMBDA));
        iam.createRole(b -> b.roleName("ec2-only").assumeRolePolicyDocument(TRUST_EC2));
    }

    @AfterAll
    void stop() throws Exception {
        lambda.close();
        iam.close();
        sqs.close();
        server.close();
    }

    @Test
    void aFunctionCallsSqsWithItsRolesCredentials() {
        assumeTrue(Files.isExecutable(Path.of(System.getProperty("user.home"), ".pyenv/versions/3.11.7/bin/python3.11")),
                "python3.11 with boto3 (pyenv) is needed");
        String url = sqs.createQueue(b -> b.queueName("from-role")).queueUrl();
        lambda.createFunction(b -> b.functionName("role-caller").runtime("python3.11").role("arn:aws:iam::" + ACCOUNT + ":role/lambda-exec")
                .handler("app.handler").timeout(30).code(c -> c.zipFile(Zips.of(Map.of("app.py", """
                        import os, boto3
                        def handler(event, context):
                            sqs = boto3.client("sqs")
                            sqs.send_message(QueueUrl=event["url"], MessageBody="sent as the role")
                            return os.environ["AWS_ACCESS_KEY_ID"][:4]
                        """)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("role-caller"));
        InvokeResponse r = lambda.invoke(b -> b.functionName("role-caller")
                .payload(SdkBytes.fromUtf8String("{\"url\":\"" + url + "\"}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("\"ASIA\"", r.payload().asUtf8String(), "temporary credentials, not the account's keys");
        assertEquals("sent as the role", sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().getFirst().body());
    }

    @Test
    void codeLocationLinksNeedNoSignatureInStrictMode() throws Exception {
        SdkBytes zip = Zips.of("app.py", "def handler(e, c):\n    return 1\n");
        lambda.createFunction(b -> b.functionName("downloadable").runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/lambda-exec")
                .handler("app.handler").code(c -> c.zipFile(zip)));
        String location = lambda.getFunction(b -> b.functionName("downloadable")).code().location();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            var download = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            org.junit.jupiter.api.Assertions.assertArrayEquals(zip.asByteArray(), download.body());
            var unsignedLink = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(location.replaceFirst("signature=[0-9a-f]+",
                    "signature=" + "0".repeat(64)))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, unsignedLink.statusCode());
        }
    }

    @Test
    void rolesLambdaCannotAssumeAreRefused() {
        for (String role : new String[]{"arn:aws:iam::" + ACCOUNT + ":role/missing", "arn:aws:iam::" + ACCOUNT + ":role/ec2-only"}) {
            InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                    .functionName("bad-role").runtime("python3.12").role(role).handler("app.handler")
                    .code(c -> c.zipFile(Zips.of("app.py", "def handler(e, c):\n    return 1\n")))));
            assertEquals("The role defined for the function cannot be assumed by Lambda.", e.awsErrorDetails().errorMessage(), role);
        }
    }
}
