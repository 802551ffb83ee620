package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.CodeVerificationFailedException;
import software.amazon.awssdk.services.lambda.model.GetRuntimeManagementConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.RecursiveLoop;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateRuntimeOn;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Code signing configs (stored, attached to functions; Haneul cannot sign, so Enforce refuses every
 * package), and the recorded-only function settings: recursion, runtime management, scaling configs.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class LambdaCodeSigningIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/lambda-exec";
    static final String PROFILE = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/MyProfile/abcdef1234";
    TestServer server;
    LambdaClient lambda;

    TestServer newServer() {
        return TestServer.start();
    }

    @BeforeAll
    void start() {
        server = newServer();
        lambda = LambdaFunctionsSdkV2IT.client(server);
    }

    @AfterAll
    void stop() throws Exception {
        lambda.close();
        server.close();
    }

    String function(String cscArn) {
        String name = "csc-fn-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .codeSigningConfigArn(cscArn)
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", "def handler(event, context):\n    return 1\n")))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    CodeSigningConfig create(String policy) {
        return lambda.createCodeSigningConfig(b -> b.description("team signing").allowedPublishers(p -> p.signingProfileVersionArns(PROFILE))
                .codeSigningPolicies(p -> p.untrustedArtifactOnDeployment(policy))).codeSigningConfig();
    }

    @Test
    void configsAreStoredWithAwsIdsAndArnsAndChangeable() {
        CodeSigningConfig c = lambda.createCodeSigningConfig(b -> b.allowedPublishers(p -> p.signingProfileVersionArns(PROFILE)))
                .codeSigningConfig();
        assertTrue(c.codeSigningConfigId().matches("csc-[0-9a-f]{17}"), c.codeSigningConfigId());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:code-signing-config:" + c.codeSigningConfigId(), c.codeSigningConfigArn());
        assertEquals("Warn", c.codeSigningPolicies().untrustedArtifactOnDeploymentAsString(), "Warn by default");
        assertEquals(List.of(PROFILE), c.allowedPublishers().signingProfileVersionArns());
        assertTrue(c.lastModified().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"), c.lastModified());

        CodeSigningConfig got = lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn())).codeSigningConfig();
        assertEquals(c, got);

        CodeSigningConfig updated = lambda.updateCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn())
                .description("now enforced").codeSigningPolicies(p -> p.untrustedArtifactOnDeployment("Enforce"))).codeSigningConfig();
        assertEquals("now enforced", updated.description());
        assertEquals("Enforce", updated.codeSigningPolicies().untrustedArtifactOnDeploymentAsString());
        assertEquals(List.of(PROFILE), updated.allowedPublishers().signingProfileVersionArns(), "kept when not given");

        assertTrue(lambda.listCodeSigningConfigsPaginator(b -> b.maxItems(1)).codeSigningConfigs().stream()
                .anyMatch(x -> x.codeSigningConfigArn().equals(c.codeSigningConfigArn())));

        lambda.deleteCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn()));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn())));
        assertThrows(ResourceNotFoundException.class, () -> lambda.deleteCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn())));
    }

    @Test
    void badConfigsGetAwsErrors() {
        LambdaException noPublishers = assertThrows(LambdaException.class,
                () -> lambda.createCodeSigningConfig(b -> b.allowedPublishers(p -> p.signingProfileVersionArns(List.of()))));
        assertEquals(400, noPublishers.statusCode());
        LambdaException badPolicy = assertThrows(LambdaException.class, () -> lambda.createCodeSigningConfig(b -> b
                .allowedPublishers(p -> p.signingProfileVersionArns(PROFILE)).codeSigningPolicies(p -> p.untrustedArtifactOnDeployment("Block"))));
        assertEquals(400, badPolicy.statusCode());
        LambdaException badArn = assertThrows(LambdaException.class,
                () -> lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn("arn:aws:lambda:us-east-1:123456789012:code-signing-config:nope")));
        assertEquals(400, badArn.statusCode());
    }

    @Test
    void functionsUseConfigsAndEnforceRefusesUnsignedCode() {
        CodeSigningConfig warn = create("Warn");
        String name = function(warn.codeSigningConfigArn());
        assertEquals(warn.codeSigningConfigArn(), lambda.getFunctionCodeSigningConfig(b -> b.functionName(name)).codeSigningConfigArn());
        assertEquals(List.of("arn:aws:lambda:us-east-1:123456789012:function:" + name),
                lambda.listFunctionsByCodeSigningConfig(b -> b.codeSigningConfigArn(warn.codeSigningConfigArn())).functionArns());
        assertThrows(ResourceConflictException.class, () -> lambda.deleteCodeSigningConfig(b -> b.codeSigningConfigArn(warn.codeSigningConfigArn())),
                "a config in use stays");

        CodeSigningConfig enforce = create("Enforce");
        CodeVerificationFailedException refused = assertThrows(CodeVerificationFailedException.class,
                () -> function(enforce.codeSigningConfigArn()));
        assertEquals(400, refused.statusCode());
        assertTrue(lambda.listFunctionsByCodeSigningConfig(b -> b.codeSigningConfigArn(enforce.codeSigningConfigArn())).functionArns().isEmpty());

        lambda.putFunctionCodeSigningConfig(b -> b.functionName(name).codeSigningConfigArn(enforce.codeSigningConfigArn()));
        assertThrows(CodeVerificationFailedException.class, () -> lambda.updateFunctionCode(b -> b.functionName(name)
                .zipFile(Zips.of(Map.of("app.py", "def handler(event, context):\n    return 2\n")))));

        lambda.deleteFunctionCodeSigningConfig(b -> b.functionName(name));
        assertEquals("", lambda.getFunctionCodeSigningConfig(b -> b.functionName(name)).codeSigningConfigArn());
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(Zips.of(Map.of("app.py", "def handler(event, context):\n    return 2\n"))));
        lambda.deleteCodeSigningConfig(b -> b.codeSigningConfigArn(warn.codeSigningConfigArn()));

        String missing = "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123456789abcdef0";
        assertThrows(CodeSigningConfigNotFoundException.class,
                () -> lambda.putFunctionCodeSigningConfig(b -> b.functionName(name).codeSigningConfigArn(missing)));
        assertThrows(CodeSigningConfigNotFoundException.class, () -> function(missing));
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.putFunctionCodeSigningConfig(b -> b.functionName("no-such-fn").codeSigningConfigArn(enforce.codeSigningConfigArn())));
    }

    @Test
    void deletingAFunctionReleasesItsConfig() {
        CodeSigningConfig c = create("Warn");
        String name = function(c.codeSigningConfigArn());
        lambda.putFunctionRecursionConfig(b -> b.functionName(name).recursiveLoop(RecursiveLoop.ALLOW));
        lambda.deleteFunction(b -> b.functionName(name));
        lambda.deleteCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn()));
        function(null);
    }

    @Test
    void recursionConfigIsRecordedTerminateByDefault() {
        String name = function(null);
        assertEquals(RecursiveLoop.TERMINATE, lambda.getFunctionRecursionConfig(b -> b.functionName(name)).recursiveLoop());
        assertEquals(RecursiveLoop.ALLOW, lambda.putFunctionRecursionConfig(b -> b.functionName(name).recursiveLoop(RecursiveLoop.ALLOW))
                .recursiveLoop());
        assertEquals(RecursiveLoop.ALLOW, lambda.getFunctionRecursionConfig(b -> b.functionName(name)).recursiveLoop());
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionRecursionConfig(b -> b.functionName("no-such-fn")));
        assertThrows(LambdaException.class, () -> lambda.putFunctionRecursionConfig(b -> b.functionName(name).recursiveLoop("Sometimes")));
    }

    @Test
    void runtimeManagementIsRecordedWithVersionArnValidation() {
        String name = function(null);
        GetRuntimeManagementConfigResponse initial = lambda.getRuntimeManagementConfig(b -> b.functionName(name));
        assertEquals(UpdateRuntimeOn.AUTO, initial.updateRuntimeOn());
        assertNull(initial.runtimeVersionArn());

        String versionArn = "arn:aws:lambda:us-east-1::runtime:" + "0123456789abcdef".repeat(4);
        lambda.putRuntimeManagementConfig(b -> b.functionName(name).updateRuntimeOn(UpdateRuntimeOn.MANUAL).runtimeVersionArn(versionArn));
        GetRuntimeManagementConfigResponse manual = lambda.getRuntimeManagementConfig(b -> b.functionName(name));
        assertEquals(UpdateRuntimeOn.MANUAL, manual.updateRuntimeOn());
        assertEquals(versionArn, manual.runtimeVersionArn());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:" + name, manual.functionArn());

        assertThrows(InvalidParameterValueException.class,
                () -> lambda.putRuntimeManagementConfig(b -> b.functionName(name).updateRuntimeOn(UpdateRuntimeOn.MANUAL)));
        assertThrows(InvalidParameterValueException.class, () -> lambda.putRuntimeManagementConfig(b -> b.functionName(name)
                .updateRuntimeOn(UpdateRuntimeOn.AUTO).runtimeVersionArn(versionArn)));
        assertThrows(InvalidParameterValueException.class, () -> lambda.putRuntimeManagementConfig(b -> b.functionName(name)
                .updateRuntimeOn(UpdateRuntimeOn.MANUAL).runtimeVersionArn("arn:aws:lambda:eu-west-1::runtime:" + "ab".repeat(32))));
        lambda.putRuntimeManagementConfig(b -> b.functionName(name).updateRuntimeOn(UpdateRuntimeOn.FUNCTION_UPDATE));
        assertEquals(UpdateRuntimeOn.FUNCTION_UPDATE, lambda.getRuntimeManagementConfig(b -> b.functionName(name)).updateRuntimeOn());
        assertNull(lambda.getRuntimeManagementConfig(b -> b.functionName(name)).runtimeVersionArn());
        assertThrows(ResourceNotFoundException.class, () -> lambda.getRuntimeManagementConfig(b -> b.functionName(name).qualifier("9")));
    }

    @Test
    void scalingConfigsNeedACapacityProvider() {
        String name = function(null);
        String version = lambda.publishVersion(b -> b.functionName(name)).version();
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> lambda.putFunctionScalingConfig(b -> b
                .functionName(name).qualifier(version).functionScalingConfig(s -> s.minExecutionEnvironments(1).maxExecutionEnvironments(2))));
        assertTrue(e.getMessage().contains("capacity provider"), e.getMessage());
        assertThrows(InvalidParameterValueException.class, () -> lambda.getFunctionScalingConfig(b -> b.functionName(name).qualifier(version)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionScalingConfig(b -> b.functionName("no-such-fn").qualifier("1")));
        assertFalse(name.isEmpty());
    }
}
