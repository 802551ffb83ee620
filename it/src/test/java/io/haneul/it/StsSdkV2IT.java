package io.haneul.it;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STS through the real AWS SDK for Java v2 (query protocol). */
class StsSdkV2IT {

    static TestServer server;

    @BeforeAll
    static void start() {
        // STS alone: without IAM any well-formed role ARN is assumed (IamStsIT covers stored roles).
        server = TestServer.start("--services", "sts");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static StsClient client(String accessKey) {
        return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .build();
    }

    @Test
    void callerIdentityUsesTwelveDigitKeyAsAccount() {
        try (StsClient sts = client("111122223333")) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            assertEquals("111122223333", id.account());
            assertEquals("arn:aws:iam::111122223333:root", id.arn());
        }
    }

    @Test
    void otherKeysMapToDefaultAccount() {
        try (StsClient sts = client("AKIAIOSFODNN7EXAMPLE")) {
            assertEquals("000000000000", sts.getCallerIdentity().account());
        }
    }

    @Test
    void assumeRoleIssuesTemporaryCredentials() {
        try (StsClient sts = client("test")) {
            AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/app/Deployer")
                    .roleSessionName("ci").durationSeconds(900));
            assertTrue(r.credentials().accessKeyId().startsWith("ASIA"));
            assertEquals("arn:aws:sts::123456789012:assumed-role/Deployer/ci", r.assumedRoleUser().arn());
            assertTrue(r.credentials().expiration().isAfter(java.time.Instant.now()));
        }
    }

    @Test
    void invalidDurationIsAValidationError() {
        try (StsClient sts = client("test")) {
            StsException e = assertThrows(StsException.class, () -> sts.assumeRole(b -> b
                    .roleArn("arn:aws:iam::123456789012:role/x").roleSessionName("s").durationSeconds(60)));
            assertEquals(400, e.statusCode());
            assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void sessionTokenCredentialsActAsTheCallersAccountForAtMostAnHour() {
        try (StsClient sts = client("111111111111")) {
            java.time.Instant before = java.time.Instant.now();
            software.amazon.awssdk.services.sts.model.Credentials c = sts.getSessionToken(b -> b.durationSeconds(7200)).credentials();
            assertTrue(c.expiration().isBefore(before.plusSeconds(3700)), "an account root's session lasts one hour: " + c.expiration());
            assertTrue(c.expiration().isAfter(before.plusSeconds(3500)), c.expiration().toString());
            try (StsClient session = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(software.amazon.awssdk.auth.credentials.AwsSessionCredentials
                            .create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build()) {
                assertEquals("111111111111", session.getCallerIdentity().account(), "permissive mode: the session's account, not the default");
                StsException e = assertThrows(StsException.class, () -> session.getSessionToken());
                assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            }
        }
    }
}
