package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lambda's control plane through the AWS SDK for Java v2 (restJson1), waiters included. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class LambdaFunctionsSdkV2IT {

    static final String ACCOUNT = "123456789012";
    static final String ROLE = "arn:aws:iam::123456789012:role/lambda-exec";
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    void start() {
        server = newServer();
        lambda = client(server);
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

    static LambdaClient client(TestServer server) {
        return LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
    }

    static String name() {
        return "fn-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static CreateFunctionResponse createPython(String name) {
        return lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of("app.py", "def handler(event, context):\n    return event\n"))));
    }

    @Test
    void createGetUpdateDeleteWithWaiters() throws Exception {
        String name = name();
        var zip = Zips.of("app.py", "def handler(event, context):\n    return event\n");
        CreateFunctionResponse created = lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                .handler("app.handler").description("first").environment(e -> e.variables(Map.of("GREETING", "hi")))
                .tags(Map.of("team", "core")).architecturesWithStrings("arm64").ephemeralStorage(s -> s.size(1024))
                .code(c -> c.zipFile(zip)));
        assertEquals("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name, created.functionArn());
        assertEquals(State.PENDING, created.state());
        assertEquals(3, created.timeout());
        assertEquals(128, created.memorySize());
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip.asByteArray())), created.codeSha256());
        assertEquals(zip.asByteArray().length, created.codeSize());
        assertTrue(created.lastModified().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"), created.lastModified());
        assertEquals("$LATEST", created.version());

        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        GetFunctionResponse got = lambda.getFunction(b -> b.functionName(name));
        assertEquals(State.ACTIVE, got.configuration().state());
        assertEquals("Successful", got.configuration().lastUpdateStatusAsString());
        assertEquals(Map.of("GREETING", "hi"), got.configuration().environment().variables());
        assertEquals(Map.of("team", "core"), got.tags());
        assertEquals(List.of("arm64"), got.configuration().architecturesAsStrings());
        assertEquals(1024, got.configuration().ephemeralStorage().size());
        assertEquals("first", got.configuration().description());

        UpdateFunctionConfigurationResponse updated = lambda.updateFunctionConfiguration(b -> b.functionName(name)
                .timeout(9).memorySize(256).description("second"));
        assertEquals("InProgress", updated.lastUpdateStatusAsString());
        assertNotEquals(got.configuration().revisionId(), updated.revisionId());
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        var conf = lambda.getFunctionConfiguration(b -> b.functionName(name));
        assertEquals(9, conf.timeout());
        assertEquals(256, conf.memorySize());
        assertEquals("Successful", conf.lastUpdateStatusAsString());

        var newZip = Zips.of("app.py", "def handler(event, context):\n    return 'v2'\n");
        UpdateFunctionCodeResponse code = lambda.updateFunctionCode(b -> b.functionName(name).zipFile(newZip));
        assertNotEquals(created.codeSha256(), code.codeSha256());
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));

        lambda.deleteFunction(b -> b.functionName(name));
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name)));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name, gone.awsErrorDetails().errorMessage());
        assertEquals(404, gone.statusCode());
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String name = name();
        String arn = createPython(name).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String revision = lambda.getFunction(b -> b.functionName(name)).configuration().revisionId();
        lambda.tagResource(b -> b.resource(arn).tags(Map.of("env", "dev", "team", "core")));
        lambda.untagResource(b -> b.resource(arn).tagKeys("team"));
        assertEquals(Map.of("env", "dev"), lambda.listTags(b -> b.resource(arn)).tags());
        assertEquals(Map.of("env", "dev"), lambda.getFunction(b -> b.functionName(name)).tags());
        assertEquals(revision, lambda.getFunction(b -> b.functionName(name)).configuration().revisionId(), "tags are not configuration");
        assertThrows(ResourceNotFoundException.class, () -> lambda.listTags(b -> b.resource(arn + "-gone")));
    }

    @Test
    void existingNameIsAConflict() {
        String name = name();
        createPython(name);
        ResourceConflictException e = assertThrows(ResourceConflictException.class, () -> createPython(name));
        assertEquals("Function already exist: " + name, e.awsErrorDetails().errorMessage());
        assertEquals(409, e.statusCode());
    }

    @Test
    void listPagesWithMarker() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String name = "list-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            createPython(name);
            mine.add(name);
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(2).marker(m));
            assertTrue(page.functions().size() <= 2);
            page.functions().forEach(f -> seen.add(f.functionName()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 100);
        assertTrue(seen.containsAll(mine), seen::toString);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no function listed twice");
        assertTrue(pages >= 3);
    }

    @Test
    void zipSlipIsRefused() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName(name()).runtime("python3.12").role(ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", "x = 1\n", "../evil", "pwned"))))));
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Could not unzip uploaded file."), e.getMessage());
        assertTrue(java.nio.file.Files.notExists(server.dataDir().resolve("lambda").resolve("evil")));
    }

    @Test
    void brokenZipIsRefused() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName(name()).runtime("python3.12").role(ROLE).handler("app.handler")
                .code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromUtf8String("not a zip")))));
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void runtimeMissingOnTheMachineIsNamed() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName(name()).runtime("dotnet8").role(ROLE).handler("x::Handler::handle")
                .code(c -> c.zipFile(Zips.of("a.txt", "x")))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("dotnet8"), e.getMessage());
    }

    @Test
    void environmentOverFourKilobytesIsRefused() {
        String big = "x".repeat(4100);
        LambdaException e = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName(name()).runtime("python3.12").role(ROLE).handler("app.handler")
                .environment(env -> env.variables(Map.of("BIG", big)))
                .code(c -> c.zipFile(Zips.of("app.py", "x = 1\n")))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("exceeded the 4KB limit"), e.getMessage());
    }

    @Test
    void unknownFunctionNamesTheArn() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunctionConfiguration(b -> b.functionName("nope")));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:nope", e.awsErrorDetails().errorMessage());
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        assertTrue(new String(e.awsErrorDetails().rawResponse().asByteArray(), StandardCharsets.UTF_8).contains("\"Type\""));
    }
}
