package io.haneul.it;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException;
import com.amazonaws.services.securitytoken.model.AssumeRoleRequest;
import com.amazonaws.services.securitytoken.model.AssumeRoleResult;
import com.amazonaws.services.securitytoken.model.GetCallerIdentityRequest;
import com.amazonaws.services.securitytoken.model.GetCallerIdentityResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * STS GetCallerIdentity through every kind of client users point at Haneul: the AWS SDK for Java v1
 * (its own query marshallers), boto3, the AWS CLI v1 and v2, and a plain unsigned HTTP request.
 */
class StsClientsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        // STS alone: without IAM any well-formed role ARN is assumed (IamStsIT covers stored roles).
        server = TestServer.start("--services", "sts");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static AWSSecurityTokenService sdkV1(String accessKey) {
        return AWSSecurityTokenServiceClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(server.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(accessKey, "secret")))
                .build();
    }

    @Test
    void sdkV1GetCallerIdentity() {
        AWSSecurityTokenService sts = sdkV1("111122223333");
        try {
            GetCallerIdentityResult id = sts.getCallerIdentity(new GetCallerIdentityRequest());
            assertEquals("111122223333", id.getAccount());
            assertEquals("arn:aws:iam::111122223333:root", id.getArn());
            assertEquals("111122223333", id.getUserId());
        } finally {
            sts.shutdown();
        }
    }

    @Test
    void sdkV1AssumeRoleAndItsValidationError() {
        AWSSecurityTokenService sts = sdkV1("AKIAIOSFODNN7EXAMPLE");
        try {
            AssumeRoleResult r = sts.assumeRole(new AssumeRoleRequest().withRoleArn("arn:aws:iam::123456789012:role/Deployer")
                    .withRoleSessionName("v1").withDurationSeconds(900));
            assertTrue(r.getCredentials().getAccessKeyId().startsWith("ASIA"));
            assertEquals("arn:aws:sts::123456789012:assumed-role/Deployer/v1", r.getAssumedRoleUser().getArn());

            AWSSecurityTokenServiceException e = assertThrows(AWSSecurityTokenServiceException.class,
                    () -> sts.assumeRole(new AssumeRoleRequest().withRoleArn("arn:aws:iam::123456789012:role/x")
                            .withRoleSessionName("s").withDurationSeconds(60)));
            assertEquals(400, e.getStatusCode());
            assertEquals("ValidationError", e.getErrorCode());
            assertTrue(e.getRequestId() != null && !e.getRequestId().isBlank(), "request id parsed from the error envelope");
        } finally {
            sts.shutdown();
        }
    }

    @Test
    void boto3GetCallerIdentity() throws Exception {
        Path script = work.resolve("gci.py");
        Files.writeString(script, """
                import json, sys
                import boto3
                sts = boto3.client("sts", endpoint_url=sys.argv[1])
                print(json.dumps(sts.get_caller_identity(), default=str))
                """);
        Processes.Result r = Processes.run(List.of("python3", script.toString(), server.endpoint().toString()),
                "222233334444", "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode id = JSON.readTree(r.stdout());
        assertEquals("222233334444", id.path("Account").asText(), r::toString);
        assertEquals("arn:aws:iam::222233334444:root", id.path("Arn").asText());
        assertEquals(200, id.path("ResponseMetadata").path("HTTPStatusCode").asInt());
        assertTrue(!id.path("ResponseMetadata").path("RequestId").asText().isBlank(), r::toString);
    }

    @Test
    void awsCliV1GetCallerIdentity() throws Exception {
        Path aws = Processes.onPath("aws", "aws-cli/1.", work)
                .orElseThrow(() -> new AssertionError("no AWS CLI v1 ('aws' printing aws-cli/1.x) on PATH"));
        assertCliAnswers(aws, "333344445555");
    }

    @Test
    void awsCliV2FromDebianGetCallerIdentity() throws Exception {
        Path aws = Path.of("/usr/bin/aws");
        assumeTrue(Files.isExecutable(aws), "Debian's AWS CLI v2 (/usr/bin/aws, package awscli) is not installed here;"
                + " .ci/run installs it");
        Processes.Result version = Processes.run(List.of(aws.toString(), "--version"), "x", "x", work, 60);
        assumeTrue((version.stdout() + version.stderr()).startsWith("aws-cli/2."), () -> "/usr/bin/aws is not v2: " + version);
        assertCliAnswers(aws, "444455556666");
    }

    private void assertCliAnswers(Path aws, String account) throws Exception {
        Processes.Result r = Processes.run(List.of(aws.toString(), "--endpoint-url", server.endpoint().toString(),
                "sts", "get-caller-identity", "--output", "json"), account, "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode id = JSON.readTree(r.stdout());
        assertEquals(account, id.path("Account").asText(), r::toString);
        assertEquals("arn:aws:iam::" + account + ":root", id.path("Arn").asText(), r::toString);
    }

    @Test
    void unsignedPlainHttpIsTheDefaultAccount() throws Exception {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=GetCallerIdentity&Version=2011-06-15");
        assertEquals(200, r.statusCode(), () -> JavaHttp.text(r));
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/xml"));
        Document doc = Envelopes.xml(r.body());
        assertEquals("GetCallerIdentityResponse", doc.getDocumentElement().getTagName());
        assertEquals("https://sts.amazonaws.com/doc/2011-06-15/", doc.getDocumentElement().getAttribute("xmlns"));
        assertEquals("000000000000", Envelopes.text(doc, "Account"));
        assertEquals("arn:aws:iam::000000000000:root", Envelopes.text(doc, "Arn"));
        assertEquals(r.headers().firstValue("x-amzn-RequestId").orElseThrow(), Envelopes.text(doc, "RequestId"));
    }

    @Test
    void unsignedGetWithQueryStringWorksToo() throws Exception {
        HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve("/?Action=GetCallerIdentity&Version=2011-06-15"));
        assertEquals(200, r.statusCode(), () -> JavaHttp.text(r));
        assertEquals("000000000000", Envelopes.text(Envelopes.xml(r.body()), "Account"));
    }
}
