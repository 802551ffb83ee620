package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AddPermission, RemovePermission and GetPolicy: the policy as AWS renders it, and AWS's errors. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class LambdaPermissionsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    void start() {
        server = newServer();
        lambda = LambdaFunctionsSdkV2IT.client(server);
    }

    /** The server under test; the PostgreSQL variant overrides it. */
    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        lambda.close();
        server.close();
    }

    static String create(String name) {
        return lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of("app.py", "def handler(event, context):\n    return event\n")))).functionArn();
    }

    static LambdaException fails(String code, int status, Runnable call) {
        LambdaException e = assertThrows(LambdaException.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.toString());
        assertEquals(status, e.statusCode(), e.toString());
        return e;
    }

    @Test
    void policyRenderedAsAwsDoesForEachKindOfPrincipal() throws Exception {
        String name = LambdaFunctionsSdkV2IT.name();
        String arn = create(name);
        fails("ResourceNotFoundException", 404, () -> lambda.getPolicy(b -> b.functionName(name)));

        String s3 = lambda.addPermission(b -> b.functionName(name).statementId("s3-invoke").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::my-bucket").sourceAccount(ACCOUNT)).statement();
        JsonNode statement = JSON.readTree(s3);
        assertEquals(JSON.readTree("""
                {"Sid":"s3-invoke","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",
                 "Resource":"%s","Condition":{"StringEquals":{"AWS:SourceAccount":"%s"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::my-bucket"}}}
                """.formatted(arn, ACCOUNT)), statement);
        lambda.addPermission(b -> b.functionName(arn).statementId("xaccount").action("lambda:GetFunction").principal("210987654321"));
        lambda.addPermission(b -> b.functionName(name).statementId("role").action("lambda:*")
                .principal("arn:aws:iam::210987654321:role/caller"));
        lambda.addPermission(b -> b.functionName(name).statementId("org").action("lambda:InvokeFunction").principal("*")
                .principalOrgID("o-a1b2c3d4e5"));
        lambda.addPermission(b -> b.functionName(name).statementId("url").action("lambda:InvokeFunctionUrl").principal("*")
                .functionUrlAuthType("NONE"));

        GetPolicyResponse got = lambda.getPolicy(b -> b.functionName(name));
        JsonNode policy = JSON.readTree(got.policy());
        assertEquals("2012-10-17", policy.get("Version").asText());
        assertEquals("default", policy.get("Id").asText());
        JsonNode all = policy.get("Statement");
        assertEquals(5, all.size());
        assertEquals(statement, all.get(0));
        assertEquals("arn:aws:iam::210987654321:root", all.get(1).at("/Principal/AWS").asText());
        assertEquals("arn:aws:iam::210987654321:role/caller", all.get(2).at("/Principal/AWS").asText());
        assertEquals("*", all.get(3).get("Principal").asText());
        assertEquals("o-a1b2c3d4e5", all.get(3).at("/Condition/StringEquals/aws:PrincipalOrgID").asText());
        assertEquals("NONE", all.get(4).at("/Condition/StringEquals/lambda:FunctionUrlAuthType").asText());
        assertFalse(got.revisionId().isEmpty());

        lambda.removePermission(b -> b.functionName(name).statementId("xaccount"));
        GetPolicyResponse after = lambda.getPolicy(b -> b.functionName(name));
        assertEquals(4, JSON.readTree(after.policy()).get("Statement").size());
        assertNotEquals(got.revisionId(), after.revisionId());
        for (String sid : new String[]{"s3-invoke", "role", "org", "url"}) {
            lambda.removePermission(b -> b.functionName(name).statementId(sid));
        }
        fails("ResourceNotFoundException", 404, () -> lambda.getPolicy(b -> b.functionName(name)));
    }

    @Test
    void awsErrors() {
        String name = LambdaFunctionsSdkV2IT.name();
        create(name);
        lambda.addPermission(b -> b.functionName(name).statementId("sns").action("lambda:InvokeFunction").principal("sns.amazonaws.com"));
        LambdaException dup = fails("ResourceConflictException", 409, () -> lambda.addPermission(b -> b.functionName(name)
                .statementId("sns").action("lambda:InvokeFunction").principal("sns.amazonaws.com")));
        assertEquals("The statement id (sns) provided already exists. Please provide a new statement id, or remove the existing statement.",
                dup.awsErrorDetails().errorMessage());
        LambdaException missing = fails("ResourceNotFoundException", 404,
                () -> lambda.removePermission(b -> b.functionName(name).statementId("nope")));
        assertEquals("Statement nope is not found in resource policy.", missing.awsErrorDetails().errorMessage());
        fails("InvalidParameterValueException", 400, () -> lambda.addPermission(b -> b.functionName(name).statementId("bad")
                .action("lambda:InvokeFunction").principal("not-a-principal")));
        fails("InvalidParameterValueException", 400, () -> lambda.addPermission(b -> b.functionName(name).statementId("latest")
                .action("lambda:InvokeFunction").principal("sns.amazonaws.com").qualifier("$LATEST")));
        fails("ResourceNotFoundException", 404, () -> lambda.addPermission(b -> b.functionName(name).statementId("v9")
                .action("lambda:InvokeFunction").principal("sns.amazonaws.com").qualifier("9")));
        fails("ResourceNotFoundException", 404, () -> lambda.addPermission(b -> b.functionName("no-such-function").statementId("x")
                .action("lambda:InvokeFunction").principal("sns.amazonaws.com")));
        fails("PreconditionFailedException", 412, () -> lambda.addPermission(b -> b.functionName(name).statementId("rev")
                .action("lambda:InvokeFunction").principal("sns.amazonaws.com").revisionId("stale")));
        String revision = lambda.getPolicy(b -> b.functionName(name)).revisionId();
        lambda.addPermission(b -> b.functionName(name).statementId("rev").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").revisionId(revision));

        // 20 KB: statements with long source ARNs until the policy would pass the limit
        String longArn = "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + "t".repeat(200);
        LambdaException tooBig = assertThrows(LambdaException.class, () -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                lambda.addPermission(b -> b.functionName(name).statementId("big" + n).action("lambda:InvokeFunction")
                        .principal("sns.amazonaws.com").sourceArn(longArn));
            }
        });
        assertEquals("PolicyLengthExceededException", tooBig.awsErrorDetails().errorCode());
        assertTrue(tooBig.awsErrorDetails().errorMessage().endsWith("is bigger than the limit (20480)."),
                tooBig.awsErrorDetails().errorMessage());
    }

    @Test
    void boto3SeesAwsWireShapes(@TempDir Path work) throws Exception {
        String name = LambdaFunctionsSdkV2IT.name();
        create(name);
        Path script = work.resolve("perms.py");
        Files.writeString(script, """
                import json, sys
                try:
                    import boto3
                except ImportError:
                    sys.exit("no boto3 in " + sys.executable)
                from botocore.exceptions import ClientError
                c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1")
                fn = sys.argv[2]
                out = {}
                r = c.add_permission(FunctionName=fn, StatementId="sns", Action="lambda:InvokeFunction",
                                     Principal="sns.amazonaws.com", SourceArn="arn:aws:sns:us-east-1:123456789012:t")
                out["addStatus"] = r["ResponseMetadata"]["HTTPStatusCode"]
                out["statement"] = json.loads(r["Statement"])
                try:
                    c.add_permission(FunctionName=fn, StatementId="sns", Action="lambda:InvokeFunction", Principal="sns.amazonaws.com")
                except ClientError as e:
                    out["duplicate"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
                p = c.get_policy(FunctionName=fn)
                out["policy"] = json.loads(p["Policy"])
                out["revision"] = p["RevisionId"]
                out["removeStatus"] = c.remove_permission(FunctionName=fn, StatementId="sns")["ResponseMetadata"]["HTTPStatusCode"]
                try:
                    c.get_policy(FunctionName=fn)
                except c.exceptions.ResourceNotFoundException as e:
                    out["gone"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
                print(json.dumps(out))
                """);
        java.util.Optional<String> python = Processes.pythonWithBoto3(work);
        org.junit.jupiter.api.Assumptions.assumeTrue(python.isPresent(), "no python3 with boto3 on this machine");
        Processes.Result p = Processes.run(List.of(python.get(), script.toString(), server.endpoint().toString(), name),
                ACCOUNT, "secret", work, 120);
        assertEquals(0, p.exitCode(), p::toString);
        JsonNode out = JSON.readTree(p.stdout());
        assertEquals(201, out.get("addStatus").asInt());
        assertEquals("sns.amazonaws.com", out.at("/statement/Principal/Service").asText());
        assertEquals("arn:aws:sns:us-east-1:123456789012:t", out.at("/statement/Condition/ArnLike/AWS:SourceArn").asText());
        assertEquals("ResourceConflictException", out.at("/duplicate/0").asText());
        assertEquals(out.get("statement"), out.at("/policy/Statement/0"));
        assertFalse(out.get("revision").asText().isEmpty());
        assertEquals(204, out.get("removeStatus").asInt());
        assertEquals("ResourceNotFoundException", out.at("/gone/0").asText());
        assertEquals("The resource you requested does not exist.", out.at("/gone/1").asText());
    }

    @Test
    void aDeletedFunctionsPolicyGoesWithIt() {
        String name = LambdaFunctionsSdkV2IT.name();
        create(name);
        lambda.addPermission(b -> b.functionName(name).statementId("s3").action("lambda:InvokeFunction").principal("s3.amazonaws.com"));
        lambda.deleteFunction(b -> b.functionName(name));
        create(name);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        fails("ResourceNotFoundException", 404, () -> lambda.getPolicy(b -> b.functionName(name)));
    }
}
