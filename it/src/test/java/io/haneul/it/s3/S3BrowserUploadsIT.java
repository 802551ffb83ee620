package io.haneul.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Browser-form uploads (POST with a policy) made by boto3's generate_presigned_post, SigV4 and the
 * SigV2 it uses by default, sent with requests as a web page would: stored objects, 201/204/303
 * answers, policy checks, and in strict mode the signature verified against the credentials file, and
 * a policy signed with STS temporary credentials accepted only with their own x-amz-security-token.
 */
class S3BrowserUploadsIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    JsonNode run(TestServer server, String mode, String accessKey, String secret) throws Exception {
        Path script = work.resolve("browser_uploads.py");
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/s3/browser_uploads.py"))) {
            Files.write(script, in.readAllBytes());
        }
        Processes.Result r = Processes.run(List.of(Processes.pythonWithBoto3(work).orElse("python3"), script.toString(), server.endpoint().toString(), mode,
                S3Clients.bucket("forms")), accessKey, secret, work, 180);
        assertEquals(0, r.exitCode(), r::toString);
        return JSON.readTree(r.stdout());
    }

    @Test
    void permissiveModeChecksThePolicy() throws Exception {
        try (TestServer server = TestServer.start()) {
            JsonNode out = run(server, "permissive", "test", "test");
            assertEquals(204, out.at("/v4/status").asInt(), out::toString);
            assertEquals("hello form", out.path("v4_object").asText(), "${filename} replaced by the file's name");
            assertEquals(204, out.at("/v2/status").asInt(), out::toString);

            assertEquals(201, out.at("/created/status").asInt(), out::toString);
            String created = out.at("/created/text").asText();
            assertTrue(created.contains("<Key>docs/report.csv</Key>") && created.contains("<ETag>"), created);
            assertTrue(created.contains(out.at("/created/etag").asText().replace("\"", "")), "the document names the object's ETag: " + created);
            assertEquals("text/csv", out.at("/created_head/type").asText());
            assertEquals("alice", out.at("/created_head/meta/owner").asText());
            assertEquals(out.at("/created_head/etag").asText(), out.at("/created/etag").asText());

            assertEquals(400, out.at("/too_large/status").asInt(), out::toString);
            assertTrue(out.at("/too_large/text").asText().contains("<Code>EntityTooLarge</Code>"), out::toString);
            assertEquals(403, out.at("/extra_field/status").asInt());
            assertTrue(out.at("/extra_field/text").asText().contains("Extra input fields: x-amz-meta-sneaky"), out::toString);
            assertEquals(403, out.at("/condition_failed/status").asInt());
            assertTrue(out.at("/condition_failed/text").asText().contains("Policy Condition failed"), out::toString);
            assertEquals(403, out.at("/expired/status").asInt());
            assertTrue(out.at("/expired/text").asText().contains("Policy expired"), out::toString);

            assertEquals(303, out.at("/redirect/status").asInt(), out::toString);
            String location = out.at("/redirect/location").asText();
            assertTrue(location.startsWith("http://app.example/done?bucket=") && location.contains("&key=r.txt&etag="), location);

            assertEquals(List.of("docs/report.csv", "r.txt", "uploads/hello.txt", "v2/hello.txt"),
                    JSON.convertValue(out.path("keys"), List.class), "refused uploads store nothing");
        }
    }

    @Test
    void strictModeVerifiesTheSignature() throws Exception {
        Path creds = work.resolve("credentials");
        Files.writeString(creds, "AKIAHANEULFORMS00001 formsSecret 123456789012\n");
        try (TestServer server = TestServer.start("--auth", "strict", "--credentials", creds.toString())) {
            JsonNode out = run(server, "strict", "AKIAHANEULFORMS00001", "formsSecret");
            assertEquals(204, out.at("/v4/status").asInt(), out::toString);
            assertEquals("hello form", out.path("v4_object").asText());
            assertEquals(204, out.at("/v2/status").asInt(), out::toString);
            assertEquals(403, out.at("/wrong_secret/status").asInt(), out::toString);
            assertTrue(out.at("/wrong_secret/text").asText().contains("<Code>SignatureDoesNotMatch</Code>"), out::toString);
            assertEquals(403, out.at("/unsigned/status").asInt(), out::toString);
            assertTrue(out.at("/unsigned/text").asText().contains("<Code>AccessDenied</Code>"), out::toString);

            assertTrue(out.path("sts_token_field").asBoolean(), "boto3 puts the session token in the form");
            assertEquals(204, out.at("/sts_v4/status").asInt(), out::toString);
            assertEquals(204, out.at("/sts_v2/status").asInt(), out::toString);
            assertEquals(403, out.at("/sts_missing_token/status").asInt(), out::toString);
            assertTrue(out.at("/sts_missing_token/text").asText().contains("<Code>InvalidAccessKeyId</Code>"), out::toString);
            assertEquals(400, out.at("/sts_wrong_token/status").asInt(), out::toString);
            assertTrue(out.at("/sts_wrong_token/text").asText().contains("<Code>InvalidToken</Code>"), out::toString);
            assertEquals("123456789012", out.path("sts_account").asText(), "GetSessionToken's credentials act as the caller's account");
            assertEquals("AccessDenied: Cannot call GetSessionToken with session credentials", out.path("sts_from_session").asText());
            assertEquals(List.of("sts-v2/hello.txt", "sts/hello.txt", "uploads/hello.txt", "v2/hello.txt"),
                    JSON.convertValue(out.path("keys"), List.class), "refused uploads store nothing");
        }
    }
}
