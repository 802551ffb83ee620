package io.haneul.it;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException;
import com.amazonaws.services.securitytoken.model.GetCallerIdentityRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.HandSigner;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --auth strict}: SigV4 verified against a credentials file, failures answered with the codes
 * and statuses AWS STS uses for its query protocol.
 */
class StrictAuthIT {

    static final String KEY = "AKIAHANEULSTRICT0001";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSTRICTKEY";
    static final String ACCOUNT = "123456789012";
    static final String FORM = "Action=GetCallerIdentity&Version=2011-06-15";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, "# ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID\n" + KEY + " " + SECRET + " " + ACCOUNT + "\n"
                + "AKIAHANEULSTRICT0002\tanotherSecret\t210987654321\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static StsClient client(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static StsClient client(String key, String secret) {
        return client(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)));
    }

    @Test
    void validKeyIsTheFilesAccount() {
        try (StsClient sts = client(KEY, SECRET)) {
            var id = sts.getCallerIdentity();
            assertEquals(ACCOUNT, id.account());
            assertEquals(KEY, id.userId());
        }
        try (StsClient sts = client("AKIAHANEULSTRICT0002", "anotherSecret")) {
            assertEquals("210987654321", sts.getCallerIdentity().account());
        }
    }

    @Test
    void unknownKeyIsInvalidClientTokenId() {
        try (StsClient sts = client("AKIANOSUCHKEY0000000", SECRET)) {
            StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
            assertEquals(403, e.statusCode());
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
            assertEquals("The security token included in the request is invalid.", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (StsClient sts = client(KEY, SECRET + "x")) {
            StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
            assertFalse(e.awsErrorDetails().errorMessage().contains(SECRET), "the secret never appears in an error");
        }
    }

    @Test
    void unsignedSdkRequestIsMissingAuthenticationToken() {
        try (StsClient sts = client(AnonymousCredentialsProvider.create())) {
            StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
            assertEquals(403, e.statusCode());
            assertEquals("MissingAuthenticationToken", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unsignedPlainHttpIsMissingAuthenticationTokenInTheQueryEnvelope() {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), FORM);
        Envelopes.Envelope e = Envelopes.assertError(r, 403, "MissingAuthenticationToken");
        assertEquals("ErrorResponse", e.xml().getDocumentElement().getTagName());
        assertEquals("Sender", Envelopes.text(e.xml(), "Type"));
        assertEquals("Request is missing Authentication Token", e.message());
    }

    @Test
    void sdkV1SignsAndIsVerified() {
        AWSSecurityTokenService ok = sdkV1(KEY, SECRET);
        AWSSecurityTokenService bad = sdkV1(KEY, "not-the-secret");
        try {
            assertEquals(ACCOUNT, ok.getCallerIdentity(new GetCallerIdentityRequest()).getAccount());
            AWSSecurityTokenServiceException e = assertThrows(AWSSecurityTokenServiceException.class,
                    () -> bad.getCallerIdentity(new GetCallerIdentityRequest()));
            assertEquals(403, e.getStatusCode());
            assertEquals("SignatureDoesNotMatch", e.getErrorCode());
        } finally {
            ok.shutdown();
            bad.shutdown();
        }
    }

    private static AWSSecurityTokenService sdkV1(String key, String secret) {
        return AWSSecurityTokenServiceClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(server.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(key, secret)))
                .withClientConfiguration(new com.amazonaws.ClientConfiguration().withMaxErrorRetry(0))
                .build();
    }

    @Test
    void boto3SignsAndIsVerified(@TempDir Path work) throws Exception {
        Path script = work.resolve("gci.py");
        Files.writeString(script, """
                import json, sys
                import boto3, botocore.exceptions
                sts = boto3.client("sts", endpoint_url=sys.argv[1])
                try:
                    print(json.dumps({"ok": sts.get_caller_identity()["Account"]}))
                except botocore.exceptions.ClientError as e:
                    print(json.dumps({"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
                """);
        ObjectMapper json = new ObjectMapper();
        Processes.Result good = Processes.run(List.of("python3", script.toString(), server.endpoint().toString()),
                KEY, SECRET, work, 120);
        assertEquals(0, good.exitCode(), good::toString);
        assertEquals(ACCOUNT, json.readTree(good.stdout()).path("ok").asText(), good::toString);
        Processes.Result bad = Processes.run(List.of("python3", script.toString(), server.endpoint().toString()),
                KEY, "wrong", work, 120);
        JsonNode answer = json.readTree(bad.stdout());
        assertEquals("SignatureDoesNotMatch", answer.path("error").asText(), bad::toString);
        assertEquals(403, answer.path("status").asInt(), bad::toString);
    }

    // ---- signed by hand, with chosen dates ----

    private static String host() {
        return "127.0.0.1:" + server.port();
    }

    private static HttpResponse<byte[]> headerSigned(Instant when) {
        byte[] body = FORM.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HandSigner(KEY, SECRET, "us-east-1", "sts")
                .signPost(host(), "application/x-www-form-urlencoded; charset=utf-8", body, when);
        return JavaHttp.post(URI.create("http://" + host() + "/"), headers, body);
    }

    private static HttpResponse<byte[]> presigned(Instant when, long expires) {
        String query = new HandSigner(KEY, SECRET, "us-east-1", "sts")
                .presignGet(host(), Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"), when, expires);
        return JavaHttp.get(URI.create("http://" + host() + "/?" + query));
    }

    @Test
    void handSignedRequestsWithCurrentDatesAreAccepted() throws Exception {
        HttpResponse<byte[]> header = headerSigned(Instant.now());
        assertEquals(200, header.statusCode(), () -> JavaHttp.text(header));
        assertEquals(ACCOUNT, Envelopes.text(Envelopes.xml(header.body()), "Account"));
        HttpResponse<byte[]> query = presigned(Instant.now(), 300);
        assertEquals(200, query.statusCode(), () -> JavaHttp.text(query));
        assertEquals(ACCOUNT, Envelopes.text(Envelopes.xml(query.body()), "Account"));
    }

    @Test
    void headerSignatureFromAnHourAgoHasExpired() {
        Envelopes.Envelope e = Envelopes.assertError(headerSigned(Instant.now().minus(Duration.ofHours(1))), 403,
                "SignatureDoesNotMatch");
        assertTrue(e.message().startsWith("Signature expired:"), e.message());
    }

    @Test
    void headerSignatureFromAnHourAheadIsNotYetCurrent() {
        Envelopes.Envelope e = Envelopes.assertError(headerSigned(Instant.now().plus(Duration.ofHours(1))), 403,
                "SignatureDoesNotMatch");
        assertTrue(e.message().startsWith("Signature not yet current:"), e.message());
    }

    @Test
    void presignedUrlPastItsExpiryIsRejected() {
        Envelopes.Envelope e = Envelopes.assertError(presigned(Instant.now().minus(Duration.ofHours(2)), 60), 403,
                "SignatureDoesNotMatch");
        assertTrue(e.message().startsWith("Signature expired:"), e.message());
    }

    @Test
    void presignedUrlDatedAnHourAheadIsNotYetValid() {
        Envelopes.Envelope e = Envelopes.assertError(presigned(Instant.now().plus(Duration.ofHours(1)), 300), 403,
                "SignatureDoesNotMatch");
        assertTrue(e.message().startsWith("Signature not yet current:"), e.message());
    }

    @Test
    void aSignatureMadeForAnotherServiceIsRefused() {
        byte[] body = FORM.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HandSigner(KEY, SECRET, "us-east-1", "notsts")
                .signPost(host(), "application/x-www-form-urlencoded; charset=utf-8", body, Instant.now());
        Envelopes.Envelope e = Envelopes.assertError(JavaHttp.post(URI.create("http://" + host() + "/"), headers, body), 403,
                "SignatureDoesNotMatch");
        assertEquals("Credential should be scoped to correct service: 'sts'. ", e.message());
    }

    @Test
    void aSecondSignatureAppendedToAPresignedUrlIsRefused() {
        String query = new HandSigner(KEY, SECRET, "us-east-1", "sts")
                .presignGet(host(), Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"), Instant.now(), 300);
        HttpResponse<byte[]> doubled = JavaHttp.get(URI.create("http://" + host() + "/?" + query + "&X-Amz-Signature=" + "0".repeat(64)));
        Envelopes.Envelope e = Envelopes.assertError(doubled, 400, "IncompleteSignature");
        assertEquals("The query parameter X-Amz-Signature must appear only once.", e.message());
    }
}
