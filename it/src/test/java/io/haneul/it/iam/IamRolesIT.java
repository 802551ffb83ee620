package io.haneul.it.iam;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IAM roles, managed and inline policies and instance profiles through the AWS SDK for Java v2 (query protocol). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamRolesIT {

    static final String ACCOUNT = "210987654321";
    static final String TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
    static final String LOGS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:PutLogEvents"],"Resource":"*"}]}""";

    TestServer server;
    IamClient iam;

    TestServer newServer() {
        return TestServer.start();
    }

    @BeforeAll
    void start() {
        server = newServer();
        iam = client(ACCOUNT);
    }

    @AfterAll
    void stop() throws Exception {
        iam.close();
        server.close();
    }

    IamClient client(String account) {
        return IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret")))
                .build();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void roleLifecycleKeepsTheTrustPolicyAndAnswersAwsIds() {
        String name = unique("exec");
        Role created = iam.createRole(b -> b.roleName(name).path("/service-role/").assumeRolePolicyDocument(TRUST)
                .description("runs functions").maxSessionDuration(7200).tags(Tag.builder().key("team").value("core").build())).role();
        assertTrue(created.roleId().matches("AROA[A-Z0-9]{17}"), created.roleId());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":role/service-role/" + name, created.arn());
        assertTrue(created.createDate().isBefore(Instant.now().plusSeconds(1)));

        GetRoleResponse got = iam.getRole(b -> b.roleName(name.toUpperCase()));
        assertEquals(name, got.role().roleName());
        assertEquals(created.roleId(), got.role().roleId());
        assertEquals(TRUST, decoded(got.role().assumeRolePolicyDocument()));
        assertFalse(got.role().assumeRolePolicyDocument().contains(" "), "IAM answers policy documents percent-encoded");
        assertEquals(7200, got.role().maxSessionDuration());
        assertEquals("runs functions", got.role().description());
        assertEquals(List.of(Tag.builder().key("team").value("core").build()), got.role().tags());
        assertNull(got.role().roleLastUsed().lastUsedDate());

        iam.updateRole(b -> b.roleName(name).maxSessionDuration(3600));
        assertEquals("new", iam.updateRoleDescription(b -> b.roleName(name).description("new")).role().description());
        String trust2 = TRUST.replace("lambda", "edgelambda");
        iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust2));
        Role updated = iam.getRole(b -> b.roleName(name)).role();
        assertEquals(3600, updated.maxSessionDuration());
        assertEquals(trust2, decoded(updated.assumeRolePolicyDocument()));

        iam.tagRole(b -> b.roleName(name).tags(Tag.builder().key("env").value("dev").build()));
        iam.untagRole(b -> b.roleName(name).tagKeys("team"));
        assertEquals(List.of(Tag.builder().key("env").value("dev").build()), iam.listRoleTags(b -> b.roleName(name)).tags());

        iam.deleteRole(b -> b.roleName(name));
        NoSuchEntityException gone = assertThrows(NoSuchEntityException.class, () -> iam.getRole(b -> b.roleName(name)));
        assertEquals("The role with name " + name + " cannot be found.", gone.awsErrorDetails().errorMessage());
        assertEquals("NoSuchEntity", gone.awsErrorDetails().errorCode());
        assertEquals(404, gone.statusCode());
    }

    @Test
    void createRoleRejectsDuplicatesBadTrustPoliciesAndBadNames() {
        String name = unique("dup");
        iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST));
        EntityAlreadyExistsException dup = assertThrows(EntityAlreadyExistsException.class,
                () -> iam.createRole(b -> b.roleName(name.toUpperCase()).assumeRolePolicyDocument(TRUST)));
        assertEquals(409, dup.statusCode());
        assertEquals("Role with name " + name.toUpperCase() + " already exists.", dup.awsErrorDetails().errorMessage());

        MalformedPolicyDocumentException notJson = assertThrows(MalformedPolicyDocumentException.class,
                () -> iam.createRole(b -> b.roleName(unique("bad")).assumeRolePolicyDocument("{not json")));
        assertEquals("MalformedPolicyDocument", notJson.awsErrorDetails().errorCode());
        assertThrows(MalformedPolicyDocumentException.class, () -> iam.createRole(b -> b.roleName(unique("bad"))
                .assumeRolePolicyDocument(LOGS)));

        IamException badName = assertThrows(IamException.class,
                () -> iam.createRole(b -> b.roleName("has space").assumeRolePolicyDocument(TRUST)));
        assertEquals("ValidationError", badName.awsErrorDetails().errorCode());
        IamException tooLong = assertThrows(IamException.class,
                () -> iam.createRole(b -> b.roleName("r".repeat(65)).assumeRolePolicyDocument(TRUST)));
        assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
    }

    @Test
    void listRolesPagesByMarkerAndFiltersByPath() {
        String path = "/" + unique("paged") + "/";
        for (int i = 0; i < 5; i++) {
            String n = "role" + i + unique("");
            iam.createRole(b -> b.roleName(n).path(path).assumeRolePolicyDocument(TRUST));
        }
        ListRolesResponse first = iam.listRoles(b -> b.pathPrefix(path).maxItems(2));
        assertEquals(2, first.roles().size());
        assertTrue(first.isTruncated());
        ListRolesResponse second = iam.listRoles(b -> b.pathPrefix(path).maxItems(2).marker(first.marker()));
        assertEquals(2, second.roles().size());
        assertFalse(second.roles().contains(first.roles().get(0)));
        List<String> all = iam.listRolesPaginator(b -> b.pathPrefix(path).maxItems(2)).roles().stream().map(Role::roleName).toList();
        assertEquals(5, all.size());
        assertEquals(all.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), all);
        assertTrue(iam.listRoles(b -> b.pathPrefix("/nothing-here/")).roles().isEmpty());
    }

    @Test
    void managedPoliciesVersionAttachAndCount() {
        String role = unique("attached");
        iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
        String name = unique("logs");
        Policy p = iam.createPolicy(b -> b.policyName(name).path("/app/").policyDocument(LOGS).description("d")).policy();
        assertEquals("arn:aws:iam::" + ACCOUNT + ":policy/app/" + name, p.arn());
        assertTrue(p.policyId().matches("ANPA[A-Z0-9]{17}"), p.policyId());
        assertEquals("v1", p.defaultVersionId());
        assertThrows(EntityAlreadyExistsException.class, () -> iam.createPolicy(b -> b.policyName(name).policyDocument(LOGS)));

        for (int i = 2; i <= 5; i++) {
            assertEquals("v" + i, iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(LOGS)).policyVersion().versionId());
        }
        LimitExceededException sixth = assertThrows(LimitExceededException.class,
                () -> iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(LOGS)));
        assertEquals(409, sixth.statusCode());
        DeleteConflictException defaultVersion = assertThrows(DeleteConflictException.class,
                () -> iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId("v1")));
        assertEquals("Cannot delete the default version of a policy.", defaultVersion.awsErrorDetails().errorMessage());
        iam.setDefaultPolicyVersion(b -> b.policyArn(p.arn()).versionId("v3"));
        assertEquals("v3", iam.getPolicy(b -> b.policyArn(p.arn())).policy().defaultVersionId());
        iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId("v1"));
        assertEquals(4, iam.listPolicyVersions(b -> b.policyArn(p.arn())).versions().size());
        assertEquals("v6", iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(LOGS)).policyVersion().versionId());
        assertEquals(LOGS, decoded(iam.getPolicyVersion(b -> b.policyArn(p.arn()).versionId("v3")).policyVersion().document()));

        iam.attachRolePolicy(b -> b.roleName(role).policyArn(p.arn()));
        iam.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        assertEquals(1, iam.getPolicy(b -> b.policyArn(p.arn())).policy().attachmentCount());
        assertEquals(List.of("AWSLambdaBasicExecutionRole", name),
                iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies().stream().map(AttachedPolicy::policyName).toList());
        assertTrue(attachedLocalPolicies().contains(name));
        assertFalse(attachedLocalPolicies().contains("AWSLambdaBasicExecutionRole"));
        DeleteConflictException attached = assertThrows(DeleteConflictException.class, () -> iam.deletePolicy(b -> b.policyArn(p.arn())));
        assertEquals("Cannot delete a policy attached to entities.", attached.awsErrorDetails().errorMessage());

        iam.detachRolePolicy(b -> b.roleName(role).policyArn(p.arn()));
        assertFalse(attachedLocalPolicies().contains(name));
        assertThrows(DeleteConflictException.class, () -> iam.deletePolicy(b -> b.policyArn(p.arn())));
        for (String v : List.of("v2", "v4", "v5", "v6")) {
            iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId(v));
        }
        iam.deletePolicy(b -> b.policyArn(p.arn()));
        assertThrows(NoSuchEntityException.class, () -> iam.getPolicy(b -> b.policyArn(p.arn())));
    }

    private List<String> attachedLocalPolicies() {
        return iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL).onlyAttached(true)).policies().stream().map(Policy::policyName).toList();
    }

    @Test
    void awsManagedPoliciesExistAndUnknownOnesAreNotAttachable() {
        String role = unique("managed");
        iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
        for (String arn : List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
                "arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                "arn:aws:iam::aws:policy/AmazonSQSFullAccess", "arn:aws:iam::aws:policy/AmazonSNSFullAccess",
                "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess")) {
            Policy p = iam.getPolicy(b -> b.policyArn(arn)).policy();
            assertEquals(arn, p.arn());
            String doc = decoded(iam.getPolicyVersion(b -> b.policyArn(arn).versionId(p.defaultVersionId())).policyVersion().document());
            assertTrue(doc.contains("\"Statement\""), doc);
            iam.attachRolePolicy(b -> b.roleName(role).policyArn(arn));
        }
        String basic = decoded(iam.getPolicyVersion(b -> b.policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
                .versionId("v1")).policyVersion().document());
        assertTrue(basic.contains("logs:PutLogEvents"), basic);
        assertTrue(iam.listPolicies(b -> b.scope(PolicyScopeType.AWS).pathPrefix("/service-role/")).policies().stream()
                .allMatch(p -> p.arn().startsWith("arn:aws:iam::aws:policy/service-role/")));

        iam.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        iam.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
        LimitExceededException eleventh = assertThrows(LimitExceededException.class,
                () -> iam.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/PowerUserAccess")));
        assertEquals("Cannot exceed quota for PoliciesPerRole: 10", eleventh.awsErrorDetails().errorMessage());

        String unknown = "arn:aws:iam::aws:policy/NoSuchManagedPolicy";
        NoSuchEntityException e = assertThrows(NoSuchEntityException.class, () -> iam.attachRolePolicy(b -> b.roleName(role).policyArn(unknown)));
        assertEquals("Policy " + unknown + " does not exist or is not attachable.", e.awsErrorDetails().errorMessage());
        assertThrows(NoSuchEntityException.class, () -> iam.attachRolePolicy(b -> b.roleName(unique("none"))
                .policyArn("arn:aws:iam::aws:policy/AdministratorAccess")));
    }

    @Test
    void inlinePoliciesRoundTripAndMustNotNamePrincipals() {
        String role = unique("inline");
        iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(b -> b.roleName(role).policyName("logs").policyDocument(LOGS));
        iam.putRolePolicy(b -> b.roleName(role).policyName("more").policyDocument(LOGS));
        assertEquals(LOGS, decoded(iam.getRolePolicy(b -> b.roleName(role).policyName("logs")).policyDocument()));
        assertEquals(List.of("logs", "more"), iam.listRolePolicies(b -> b.roleName(role)).policyNames());
        MalformedPolicyDocumentException principal = assertThrows(MalformedPolicyDocumentException.class,
                () -> iam.putRolePolicy(b -> b.roleName(role).policyName("p").policyDocument(TRUST)));
        assertEquals("Policy document should not specify a principal.", principal.awsErrorDetails().errorMessage());
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                + "b".repeat(6000) + "\"}}";
        iam.putRolePolicy(b -> b.roleName(role).policyName("big").policyDocument(big));
        LimitExceededException tooMuch = assertThrows(LimitExceededException.class,
                () -> iam.putRolePolicy(b -> b.roleName(role).policyName("big2").policyDocument(big)));
        assertEquals("Maximum policy size of 10240 bytes exceeded for role " + role, tooMuch.awsErrorDetails().errorMessage());
        iam.putRolePolicy(b -> b.roleName(role).policyName("big").policyDocument(big));
        iam.deleteRolePolicy(b -> b.roleName(role).policyName("big"));
        iam.deleteRolePolicy(b -> b.roleName(role).policyName("more"));
        NoSuchEntityException missing = assertThrows(NoSuchEntityException.class,
                () -> iam.getRolePolicy(b -> b.roleName(role).policyName("more")));
        assertEquals("The role policy with name more cannot be found.", missing.awsErrorDetails().errorMessage());
    }

    @Test
    void deleteRoleConflictsUntilEverythingIsDetached() {
        String role = unique("busy");
        String profile = unique("profile");
        iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(b -> b.roleName(role).policyName("logs").policyDocument(LOGS));
        iam.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess"));
        iam.createInstanceProfile(b -> b.instanceProfileName(profile));
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));

        assertEquals("Cannot delete entity, must remove roles from instance profile first.", conflict(role));
        iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
        assertEquals("Cannot delete entity, must detach all policies first.", conflict(role));
        iam.detachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess"));
        assertEquals("Cannot delete entity, must delete policies first.", conflict(role));
        iam.deleteRolePolicy(b -> b.roleName(role).policyName("logs"));
        iam.deleteRole(b -> b.roleName(role));
        assertThrows(NoSuchEntityException.class, () -> iam.deleteRole(b -> b.roleName(role)));
    }

    private String conflict(String role) {
        DeleteConflictException e = assertThrows(DeleteConflictException.class, () -> iam.deleteRole(b -> b.roleName(role)));
        assertEquals(409, e.statusCode());
        assertEquals("DeleteConflict", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void instanceProfilesHoldOneRole() {
        String role = unique("ec2");
        String other = unique("ec2b");
        String profile = unique("ip");
        iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
        iam.createRole(b -> b.roleName(other).assumeRolePolicyDocument(TRUST));
        var created = iam.createInstanceProfile(b -> b.instanceProfileName(profile).path("/web/")).instanceProfile();
        assertTrue(created.instanceProfileId().matches("AIPA[A-Z0-9]{17}"), created.instanceProfileId());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":instance-profile/web/" + profile, created.arn());
        assertThrows(EntityAlreadyExistsException.class, () -> iam.createInstanceProfile(b -> b.instanceProfileName(profile)));

        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
        LimitExceededException full = assertThrows(LimitExceededException.class,
                () -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(other)));
        assertEquals("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", full.awsErrorDetails().errorMessage());
        assertEquals(List.of(role), iam.getInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile().roles().stream()
                .map(Role::roleName).toList());
        assertEquals(List.of(profile), iam.listInstanceProfilesForRole(b -> b.roleName(role)).instanceProfiles().stream()
                .map(p -> p.instanceProfileName()).toList());
        assertEquals(1, iam.listInstanceProfiles(b -> b.pathPrefix("/web/")).instanceProfiles().stream()
                .filter(p -> p.instanceProfileName().equals(profile)).count());

        assertThrows(DeleteConflictException.class, () -> iam.deleteInstanceProfile(b -> b.instanceProfileName(profile)));
        assertThrows(NoSuchEntityException.class, () -> iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(other)));
        iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
        iam.deleteInstanceProfile(b -> b.instanceProfileName(profile));
        NoSuchEntityException gone = assertThrows(NoSuchEntityException.class, () -> iam.getInstanceProfile(b -> b.instanceProfileName(profile)));
        assertEquals("Instance Profile " + profile + " cannot be found.", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void policiesAndInstanceProfilesCarryTagsAndPoliciesListTheirRoles() {
        Tag team = Tag.builder().key("team").value("core").build();
        Tag env = Tag.builder().key("env").value("dev").build();
        String name = unique("tagged");
        Policy p = iam.createPolicy(b -> b.policyName(name).policyDocument(LOGS).tags(team)).policy();
        iam.tagPolicy(b -> b.policyArn(p.arn()).tags(env));
        assertEquals(List.of(team), iam.listPolicyTags(b -> b.policyArn(p.arn()).maxItems(1)).tags());
        iam.untagPolicy(b -> b.policyArn(p.arn()).tagKeys("team"));
        assertEquals(List.of(env), iam.listPolicyTags(b -> b.policyArn(p.arn())).tags());

        String profile = unique("tagged-ip");
        iam.createInstanceProfile(b -> b.instanceProfileName(profile).tags(team));
        iam.tagInstanceProfile(b -> b.instanceProfileName(profile).tags(env));
        iam.untagInstanceProfile(b -> b.instanceProfileName(profile).tagKeys("team"));
        assertEquals(List.of(env), iam.listInstanceProfileTags(b -> b.instanceProfileName(profile)).tags());

        String role = unique("user-of");
        Role r = iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST)).role();
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(p.arn()));
        var entities = iam.listEntitiesForPolicy(b -> b.policyArn(p.arn()));
        assertEquals(List.of(r.roleId()), entities.policyRoles().stream().map(x -> x.roleId()).toList());
        assertTrue(entities.policyUsers().isEmpty());
    }

    @Test
    void accountsDoNotSeeEachOthersRoles() {
        String name = unique("mine");
        iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST));
        try (IamClient other = client("109876543210")) {
            assertThrows(NoSuchEntityException.class, () -> other.getRole(b -> b.roleName(name)));
            other.createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST));
        }
    }
}
