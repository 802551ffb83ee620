package io.haneul.it.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The script every Lambda tutorial starts with, run unchanged: the AWS CLI v2 (Debian's
 * /usr/bin/aws, skipped where it is not installed) creates an execution role from a trust policy
 * file and attaches AWS's basic execution policy; boto3 does the same and reads it back. Both
 * clients decode IAM's percent-encoded policy documents into JSON objects.
 */
class IamPythonAndCliIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DEBIAN_CLI = Path.of("/usr/bin/aws");
    static final String ACCOUNT = "456789012345";
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private Processes.Result cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DEBIAN_CLI.toString(), "--endpoint-url", server.endpoint().toString(), "--output", "json"));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, ACCOUNT, "secret", work, 120);
    }

    @Test
    void awsCliLambdaExecutionRoleScript() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_CLI), "Debian's AWS CLI v2 (/usr/bin/aws, package awscli) is not installed");
        Files.writeString(work.resolve("trust.json"), """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                  ]
                }
                """);
        Processes.Result created = cli("iam", "create-role", "--role-name", "lambda-ex",
                "--assume-role-policy-document", "file://" + work.resolve("trust.json"));
        assertEquals(0, created.exitCode(), created::toString);
        JsonNode role = JSON.readTree(created.stdout()).path("Role");
        assertEquals("arn:aws:iam::" + ACCOUNT + ":role/lambda-ex", role.path("Arn").asText());
        assertTrue(role.path("RoleId").asText().matches("AROA[A-Z0-9]{17}"), role::toString);

        Processes.Result attached = cli("iam", "attach-role-policy", "--role-name", "lambda-ex",
                "--policy-arn", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        assertEquals(0, attached.exitCode(), attached::toString);

        Processes.Result got = cli("iam", "get-role", "--role-name", "lambda-ex");
        assertEquals(0, got.exitCode(), got::toString);
        JsonNode trust = JSON.readTree(got.stdout()).path("Role").path("AssumeRolePolicyDocument");
        assertEquals("lambda.amazonaws.com", trust.path("Statement").get(0).path("Principal").path("Service").asText(), got::toString);

        Processes.Result listed = cli("iam", "list-attached-role-policies", "--role-name", "lambda-ex");
        assertEquals(0, listed.exitCode(), listed::toString);
        assertEquals("AWSLambdaBasicExecutionRole", JSON.readTree(listed.stdout()).path("AttachedPolicies").get(0).path("PolicyName").asText());

        Processes.Result missing = cli("iam", "get-role", "--role-name", "no-such-role");
        assertEquals(254, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("NoSuchEntity") && missing.stderr().contains("The role with name no-such-role cannot be found."),
                missing::toString);

        Processes.Result assumed = cli("sts", "assume-role", "--role-arn", role.path("Arn").asText(), "--role-session-name", "cli");
        assertEquals(0, assumed.exitCode(), assumed::toString);
        assertEquals(role.path("RoleId").asText() + ":cli",
                JSON.readTree(assumed.stdout()).path("AssumedRoleUser").path("AssumedRoleId").asText());
    }

    @Test
    void boto3ExecutionRoleWithInlinePolicy() throws Exception {
        Path file = work.resolve("iam_test.py");
        Files.writeString(file, """
                import json, sys, uuid
                import boto3
                iam = boto3.client("iam", endpoint_url=sys.argv[1])
                name = "boto-" + uuid.uuid4().hex[:8]
                trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                         "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
                role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]
                iam.attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole")
                inline = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                          "Resource": "arn:aws:s3:::bucket with space/*"}]}
                iam.put_role_policy(RoleName=name, PolicyName="read", PolicyDocument=json.dumps(inline))
                got = iam.get_role(RoleName=name)["Role"]
                doc = iam.get_role_policy(RoleName=name, PolicyName="read")["PolicyDocument"]
                iam.get_waiter("role_exists").wait(RoleName=name)
                try:
                    iam.delete_role(RoleName=name)
                    conflict = None
                except iam.exceptions.DeleteConflictException as e:
                    conflict = e.response["Error"]["Code"]
                print(json.dumps({"trust": got["AssumeRolePolicyDocument"], "inline": doc, "conflict": conflict,
                                  "id": role["RoleId"], "same_id": got["RoleId"] == role["RoleId"]}))
                """);
        Processes.Result r = Processes.run(List.of("python3", file.toString(), server.endpoint().toString()), ACCOUNT, "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("lambda.amazonaws.com", out.path("trust").path("Statement").get(0).path("Principal").path("Service").asText(), out::toString);
        assertEquals("arn:aws:s3:::bucket with space/*", out.path("inline").path("Statement").get(0).path("Resource").asText(), out::toString);
        assertEquals("DeleteConflict", out.path("conflict").asText());
        assertTrue(out.path("same_id").asBoolean());
    }
}
