package io.haneul.it.iam;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STS AssumeRole where IAM is served: stored roles only, with their ids and session limits. */
class IamStsIT {

    static final String ACCOUNT = "345678901234";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sts,iam");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
    }

    @Test
    void assumeRoleOfAStoredRoleUsesItsId() {
        try (IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials()).build();
             StsClient sts = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials()).build()) {
            Role role = iam.createRole(b -> b.roleName("Deployer").path("/ci/").assumeRolePolicyDocument(IamRolesIT.TRUST)).role();

            AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(role.arn()).roleSessionName("build-7"));
            assertEquals(role.roleId() + ":build-7", r.assumedRoleUser().assumedRoleId());
            assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/Deployer/build-7", r.assumedRoleUser().arn());
            assertTrue(r.credentials().accessKeyId().startsWith("ASIA"));

            StsException tooLong = assertThrows(StsException.class, () -> sts.assumeRole(b -> b.roleArn(role.arn())
                    .roleSessionName("s1").durationSeconds(7200)));
            assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
            assertEquals("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                    tooLong.awsErrorDetails().errorMessage());

            String missing = "arn:aws:iam::" + ACCOUNT + ":role/ci/Nobody";
            StsException denied = assertThrows(StsException.class, () -> sts.assumeRole(b -> b.roleArn(missing).roleSessionName("s1")));
            assertEquals(403, denied.statusCode(), denied::toString);
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::" + ACCOUNT + ":root is not authorized to perform: sts:AssumeRole on resource: " + missing,
                    denied.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void anotherAccountsRoleIsAssumedOnlyWhereItsTrustPolicyAllowsTheCaller() {
        String other = "456789012345";
        StaticCredentialsProvider owner = StaticCredentialsProvider.create(AwsBasicCredentials.create(other, "secret"));
        try (IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(owner).build();
             StsClient sts = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials()).build()) {
            Role lambdaOnly = iam.createRole(b -> b.roleName("LambdaOnly").assumeRolePolicyDocument(IamRolesIT.TRUST)).role();
            Role trusting = iam.createRole(b -> b.roleName("TrustsCaller").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}")).role();

            StsException denied = assertThrows(StsException.class,
                    () -> sts.assumeRole(b -> b.roleArn(lambdaOnly.arn()).roleSessionName("probe")));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode(), "the same answer as for a role that does not exist");
            AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(trusting.arn()).roleSessionName("ops"));
            assertEquals("arn:aws:sts::" + other + ":assumed-role/TrustsCaller/ops", r.assumedRoleUser().arn());
        }
    }
}
