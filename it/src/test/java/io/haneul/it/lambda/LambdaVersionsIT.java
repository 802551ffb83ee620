package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions and aliases through the AWS SDK for Java v2: PublishVersion freezes {@code $LATEST}'s code
 * and configuration, a qualifier (parameter, {@code name:q}, qualified ARN) selects what runs, and
 * aliases route invocations, by weight when asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaVersionsIT {

    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    static final String ROLE = LambdaFunctionsSdkV2IT.ROLE;
    static final ObjectMapper JSON = new ObjectMapper();
    TestServer server;
    LambdaClient lambda;

    @BeforeAll
    void start() {
        server = newServer();
        lambda = LambdaFunctionsSdkV2IT.client(server);
    }

    /** The server under test; a PostgreSQL variant may override it. */
    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        lambda.close();
        server.close();
    }

    static String code(String marker) {
        return """
                import os
                def handler(event, context):
                    return {"code": "%s", "stage": os.environ.get("STAGE"), "version": context.function_version,
                            "envVersion": os.environ.get("AWS_LAMBDA_FUNCTION_VERSION"), "arn": context.invoked_function_arn}
                """.formatted(marker);
    }

    String create(String marker) {
        String name = "ver-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .environment(e -> e.variables(Map.of("STAGE", "one"))).code(c -> c.zipFile(Zips.of("app.py", code(marker)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    void updateCode(String name, String marker) {
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(Zips.of("app.py", code(marker))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
    }

    static String arn(String name) {
        return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;
    }

    JsonNode run(InvokeResponse r) {
        assertEquals(200, r.statusCode());
        assertNull(r.functionError(), r.payload().asUtf8String());
        try {
            return JSON.readTree(r.payload().asUtf8String());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    InvokeResponse invoke(String functionName, String qualifier) {
        return lambda.invoke(b -> b.functionName(functionName).qualifier(qualifier).payload(SdkBytes.fromUtf8String("{}")));
    }

    static String message(LambdaException e) {
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void aPublishedVersionKeepsItsCodeAndConfiguration() {
        String name = create("v1");
        String codeSha = lambda.getFunctionConfiguration(b -> b.functionName(name)).codeSha256();
        PublishVersionResponse v1 = lambda.publishVersion(b -> b.functionName(name).description("first").codeSha256(codeSha));
        assertEquals("1", v1.version());
        assertEquals(arn(name) + ":1", v1.functionArn());
        assertEquals("first", v1.description());
        assertEquals("Active", v1.stateAsString());
        assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version(), "no change since version 1: the same version");

        updateCode(name, "v2");
        lambda.updateFunctionConfiguration(b -> b.functionName(name).environment(e -> e.variables(Map.of("STAGE", "two"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));

        InvalidParameterValueException sha = assertThrows(InvalidParameterValueException.class,
                () -> lambda.publishVersion(b -> b.functionName(name).codeSha256(codeSha)));
        assertTrue(message(sha).startsWith("CodeSHA256 (" + codeSha + ") is different from current CodeSHA256 in $LATEST"), message(sha));
        assertThrows(PreconditionFailedException.class, () -> lambda.publishVersion(b -> b.functionName(name).revisionId("stale")));
        String revision = lambda.getFunction(b -> b.functionName(name)).configuration().revisionId();
        assertEquals("2", lambda.publishVersion(b -> b.functionName(name).revisionId(revision)).version());

        JsonNode one = run(invoke(name, "1"));
        assertEquals("v1", one.get("code").asText());
        assertEquals("one", one.get("stage").asText());
        assertEquals("1", one.get("version").asText());
        assertEquals("1", one.get("envVersion").asText());
        assertEquals(arn(name) + ":1", one.get("arn").asText());
        assertEquals("1", invoke(name, "1").executedVersion());

        InvokeResponse two = lambda.invoke(b -> b.functionName(name + ":2").logType("Tail"));
        assertEquals("2", two.executedVersion());
        assertEquals("v2", run(two).get("code").asText());
        assertEquals("two", run(two).get("stage").asText());
        String log = new String(java.util.Base64.getDecoder().decode(two.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("START RequestId: ") && log.contains(" Version: 2"), log);
        assertEquals("v1", run(lambda.invoke(b -> b.functionName(arn(name) + ":1"))).get("code").asText());
        InvokeResponse latest = invoke(name, "$LATEST");
        assertEquals("$LATEST", latest.executedVersion());
        assertEquals("v2", run(latest).get("code").asText());
        assertEquals("$LATEST", lambda.invoke(b -> b.functionName(name)).executedVersion());

        // the version's configuration as published, under its qualified ARN
        var conf = lambda.getFunctionConfiguration(b -> b.functionName(name).qualifier("1"));
        var got = lambda.getFunctionConfiguration(b -> b.functionName(name).qualifier("1"));
        assertEquals("1", got.version());
        assertEquals(arn(name) + ":1", got.functionArn());
        assertEquals(codeSha, got.codeSha256());
        assertEquals(Map.of("STAGE", "one"), got.environment().variables());
        assertEquals("1", lambda.getFunction(b -> b.functionName(arn(name) + ":1")).configuration().version());
        assertEquals(arn(name) + ":$LATEST", lambda.getFunction(b -> b.functionName(name).qualifier("$LATEST")).configuration().functionArn());
        assertNotEquals(conf.revisionId(), lambda.getFunctionConfiguration(b -> b.functionName(name)).revisionId());

        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunction(b -> b.functionName(name).qualifier("7")));
        assertEquals("Function not found: " + arn(name) + ":7", message(missing));
        assertEquals("Function not found: " + arn(name) + ":7",
                message(assertThrows(ResourceNotFoundException.class, () -> invoke(name, "7"))));
        assertEquals("Function not found: " + arn(name) + ":nope",
                message(assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name + ":nope")))));
        InvalidParameterValueException mismatch = assertThrows(InvalidParameterValueException.class,
                () -> lambda.getFunction(b -> b.functionName(name + ":1").qualifier("2")));
        assertEquals("The derived qualifier from the function name does not match the specified qualifier.", message(mismatch));

        // a published version is immutable: updates address $LATEST only
        assertThrows(InvalidParameterValueException.class,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(name + ":1").timeout(9)));
        assertEquals(3, lambda.getFunctionConfiguration(b -> b.functionName(name).qualifier("1")).timeout());
    }

    @Test
    void versionsAreListedLatestFirstAndPaged() {
        String name = create("a");
        lambda.publishVersion(b -> b.functionName(name));
        updateCode(name, "b");
        lambda.publishVersion(b -> b.functionName(name));
        List<String> versions = new ArrayList<>();
        List<String> arns = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListVersionsByFunctionResponse page = lambda.listVersionsByFunction(b -> b.functionName(name).maxItems(1).marker(m));
            page.versions().forEach(v -> {
                versions.add(v.version());
                arns.add(v.functionArn());
            });
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 10);
        assertEquals(List.of("$LATEST", "1", "2"), versions);
        assertEquals(List.of(arn(name) + ":$LATEST", arn(name) + ":1", arn(name) + ":2"), arns);
        assertEquals(3, lambda.listVersionsByFunction(b -> b.functionName(name)).versions().size());
        assertThrows(ResourceNotFoundException.class, () -> lambda.listVersionsByFunction(b -> b.functionName(name + "-gone")));
    }

    @Test
    void aDeletedVersionsNumberIsNeverReused() {
        String name = create("a");
        lambda.publishVersion(b -> b.functionName(name));
        updateCode(name, "b");
        lambda.publishVersion(b -> b.functionName(name));
        lambda.deleteFunction(b -> b.functionName(name).qualifier("2"));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name).qualifier("2")));
        lambda.deleteFunction(b -> b.functionName(name).qualifier("99"));  // no such version: nothing happens, as on AWS
        updateCode(name, "c");
        assertEquals("3", lambda.publishVersion(b -> b.functionName(name)).version());
        InvalidParameterValueException latest = assertThrows(InvalidParameterValueException.class,
                () -> lambda.deleteFunction(b -> b.functionName(name).qualifier("$LATEST")));
        assertEquals("$LATEST version cannot be deleted without deleting the function.", message(latest));
        assertEquals("a", run(invoke(name, "1")).get("code").asText());
    }

    @Test
    void publishOnCreateAndOnCodeUpdate() {
        String name = "pub-" + UUID.randomUUID().toString().substring(0, 8);
        var created = lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .publish(true).code(c -> c.zipFile(Zips.of("app.py", code("p1")))));
        assertEquals("1", created.version());
        assertEquals(arn(name) + ":1", created.functionArn());
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        var updated = lambda.updateFunctionCode(b -> b.functionName(name).publish(true).zipFile(Zips.of("app.py", code("p2"))));
        assertEquals("2", updated.version());
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        assertEquals("p1", run(invoke(name, "1")).get("code").asText());
        assertEquals("p2", run(invoke(name, "2")).get("code").asText());
    }

    @Test
    void aliasesNameVersionsAndFollowUpdates() {
        String name = create("a1");
        lambda.publishVersion(b -> b.functionName(name));
        updateCode(name, "a2");
        lambda.publishVersion(b -> b.functionName(name));

        var live = lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1").description("prod"));
        assertEquals(arn(name) + ":live", live.aliasArn());
        assertEquals("1", live.functionVersion());
        assertEquals("prod", live.description());
        assertFalse(live.revisionId().isEmpty());
        ResourceConflictException exists = assertThrows(ResourceConflictException.class,
                () -> lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("2")));
        assertEquals("Alias already exists: " + arn(name) + ":live", message(exists));
        assertEquals("Function not found: " + arn(name) + ":9", message(assertThrows(ResourceNotFoundException.class,
                () -> lambda.createAlias(b -> b.functionName(name).name("nine").functionVersion("9")))));

        var got = lambda.getAlias(b -> b.functionName(name).name("live"));
        assertEquals(live.revisionId(), got.revisionId());
        assertEquals("Cannot find alias arn: " + arn(name) + ":nope",
                message(assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName(name).name("nope")))));
        assertEquals("Alias not found: " + arn(name) + ":nope", message(assertThrows(ResourceNotFoundException.class,
                () -> lambda.updateAlias(b -> b.functionName(name).name("nope").functionVersion("1")))));

        InvokeResponse viaAlias = invoke(name, "live");
        assertEquals("1", viaAlias.executedVersion());
        JsonNode ran = run(viaAlias);
        assertEquals("a1", ran.get("code").asText());
        assertEquals(arn(name) + ":live", ran.get("arn").asText());
        assertEquals("1", lambda.invoke(b -> b.functionName(name + ":live")).executedVersion());
        assertEquals("1", lambda.invoke(b -> b.functionName(arn(name) + ":live")).executedVersion());
        var conf = lambda.getFunction(b -> b.functionName(name).qualifier("live")).configuration();
        assertEquals("1", conf.version());
        assertEquals(arn(name) + ":live", conf.functionArn());

        ResourceConflictException referenced = assertThrows(ResourceConflictException.class,
                () -> lambda.deleteFunction(b -> b.functionName(name).qualifier("1")));
        assertEquals("Unable to delete version because the following aliases reference it: [live]", message(referenced));

        assertThrows(PreconditionFailedException.class,
                () -> lambda.updateAlias(b -> b.functionName(name).name("live").functionVersion("2").revisionId("stale")));
        var moved = lambda.updateAlias(b -> b.functionName(name).name("live").functionVersion("2").revisionId(live.revisionId()));
        assertEquals("2", moved.functionVersion());
        assertEquals("prod", moved.description(), "members left out keep their value");
        assertNotEquals(live.revisionId(), moved.revisionId());
        assertEquals("a2", run(invoke(name, "live")).get("code").asText());
        lambda.deleteFunction(b -> b.functionName(name).qualifier("1"));

        lambda.createAlias(b -> b.functionName(name).name("beta").functionVersion("$LATEST"));
        lambda.createAlias(b -> b.functionName(name).name("canary").functionVersion("2"));
        List<String> names = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListAliasesResponse page = lambda.listAliases(b -> b.functionName(name).maxItems(2).marker(m));
            page.aliases().forEach(a -> names.add(a.name()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 10);
        assertEquals(List.of("beta", "canary", "live"), names);
        assertEquals(List.of("canary", "live"), lambda.listAliases(b -> b.functionName(name).functionVersion("2")).aliases().stream()
                .map(AliasConfiguration::name).toList());
        assertEquals("$LATEST", invoke(name, "beta").executedVersion());

        lambda.deleteAlias(b -> b.functionName(name).name("canary"));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName(name).name("canary")));
        assertThrows(ResourceNotFoundException.class, () -> invoke(name, "canary"));
    }

    @Test
    void routingConfigurationIsValidatedAsAwsDoes() {
        String name = create("r1");
        lambda.publishVersion(b -> b.functionName(name));
        updateCode(name, "r2");
        lambda.publishVersion(b -> b.functionName(name));

        InvalidParameterValueException two = assertThrows(InvalidParameterValueException.class, () -> lambda.createAlias(b -> b
                .functionName(name).name("x").functionVersion("1").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1, "3", 0.1)))));
        assertEquals("Number of items in AdditionalVersionWeights cannot be greater than 1", message(two));
        InvalidParameterValueException itself = assertThrows(InvalidParameterValueException.class, () -> lambda.createAlias(b -> b
                .functionName(name).name("x").functionVersion("1").routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.1)))));
        assertEquals("Invalid function version 1. Function version 1 is already included in routing configuration.", message(itself));
        InvalidParameterValueException fromLatest = assertThrows(InvalidParameterValueException.class, () -> lambda.createAlias(b -> b
                .functionName(name).name("x").functionVersion("$LATEST").routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.1)))));
        assertEquals("$LATEST is not supported for an alias pointing to more than 1 version", message(fromLatest));
        ResourceNotFoundException absent = assertThrows(ResourceNotFoundException.class, () -> lambda.createAlias(b -> b
                .functionName(name).name("x").functionVersion("1").routingConfig(r -> r.additionalVersionWeights(Map.of("5", 0.1)))));
        assertEquals("Function not found: " + arn(name) + ":5", message(absent));
        LambdaException range = assertThrows(LambdaException.class, () -> lambda.createAlias(b -> b
                .functionName(name).name("x").functionVersion("1").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.5)))));
        assertEquals(400, range.statusCode());
        assertEquals("ValidationException", range.awsErrorDetails().errorCode());
        assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName(name).name("x")), "nothing was created");

        var split = lambda.createAlias(b -> b.functionName(name).name("split").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.5))));
        assertEquals(Map.of("2", 0.5), split.routingConfig().additionalVersionWeights());
        var cleared = lambda.updateAlias(b -> b.functionName(name).name("split").routingConfig(r -> r.additionalVersionWeights(Map.of())));
        assertTrue(cleared.routingConfig() == null || cleared.routingConfig().additionalVersionWeights().isEmpty());
    }

    /** A loose statistical check of the split (the exact rule is VersionRouterTest's, with a decided random source). */
    @Test
    void aWeightedAliasSplitsInvocationsBetweenTwoVersions() {
        String name = create("w1");
        lambda.publishVersion(b -> b.functionName(name));
        updateCode(name, "w2");
        lambda.publishVersion(b -> b.functionName(name));
        lambda.createAlias(b -> b.functionName(name).name("canary").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.3))));
        int second = 0;
        int total = 120;
        for (int i = 0; i < total; i++) {
            InvokeResponse r = invoke(name, "canary");
            JsonNode body = run(r);
            assertEquals(r.executedVersion().equals("2") ? "w2" : "w1", body.get("code").asText(), "the executed version's own code ran");
            if (r.executedVersion().equals("2")) {
                second++;
            }
        }
        // 30% of 120 is 36; the bounds are more than 5 standard deviations (about 5) away
        assertTrue(second >= 10 && second <= 65, "version 2 ran " + second + " of " + total);
    }

    @Test
    void deletingTheFunctionDeletesItsVersionsAndAliases() {
        String name = create("d1");
        lambda.publishVersion(b -> b.functionName(name));
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1"));
        lambda.deleteFunction(b -> b.functionName(name));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name).qualifier("1")));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName(name).name("live")));

        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of("app.py", code("d2")))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName(name).name("live")));
        assertEquals(1, lambda.listVersionsByFunction(b -> b.functionName(name)).versions().size());
        assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version(), "a new function numbers from 1");
        assertEquals("d2", run(invoke(name, "1")).get("code").asText());
    }

    /** Other services invoke through FunctionInvoker with a qualified ARN: SNS delivers to the version the alias names. */
    @Test
    void snsDeliversToTheVersionAnAliasNames() throws Exception {
        String name = "sns-" + UUID.randomUUID().toString().substring(0, 8);
        String printing = """
                def handler(event, context):
                    print("%s got " + event["Records"][0]["Sns"]["Message"])
                """;
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of("app.py", printing.formatted("first")))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        lambda.publishVersion(b -> b.functionName(name));
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1"));
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(Zips.of("app.py", printing.formatted("latest"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        try (SnsClient sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "s"))).build();
             HttpClient http = HttpClient.newHttpClient()) {
            String topic = sns.createTopic(r -> r.name("versions-" + name)).topicArn();
            // as on AWS, the alias's own policy must let SNS invoke it
            lambda.addPermission(b -> b.functionName(name).qualifier("live").statementId("sns").action("lambda:InvokeFunction")
                    .principal("sns.amazonaws.com").sourceArn(topic));
            sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(arn(name) + ":live"));
            String message = "m-" + UUID.randomUUID();
            sns.publish(r -> r.topicArn(topic).message(message));
            String logs = "";
            long until = System.currentTimeMillis() + 20_000;
            while (!logs.contains("first got " + message) && System.currentTimeMillis() < until) {
                Thread.sleep(200);
                logs = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/lambda/logs/" + name)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(logs.contains("first got " + message), logs);
            assertTrue(logs.contains("Version: 1"), logs);
            assertFalse(logs.contains("latest got"), logs);
        }
    }

    @Test
    void listFunctionsWithAllVersionsAndEventInvocationsOfAVersion() throws Exception {
        String name = create("e1");
        lambda.publishVersion(b -> b.functionName(name));
        updateCode(name, "e2");
        lambda.publishVersion(b -> b.functionName(name));
        List<String> arns = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            var page = lambda.listFunctions(b -> b.functionVersion("ALL").maxItems(2).marker(m));
            page.functions().stream().filter(f -> f.functionName().equals(name)).forEach(f -> arns.add(f.functionArn()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 500);
        assertEquals(List.of(arn(name) + ":$LATEST", arn(name) + ":1", arn(name) + ":2"), arns);
        assertTrue(lambda.listFunctions(b -> b.maxItems(1000)).functions().stream()
                .noneMatch(f -> f.functionName().equals(name) && !f.version().equals("$LATEST")), "without ALL: $LATEST only");

        assertEquals(202, lambda.invoke(b -> b.functionName(name).qualifier("1").invocationType("Event")).statusCode());
        String logs = "";
        long until = System.currentTimeMillis() + 20_000;
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (!logs.contains("Version: 1") && System.currentTimeMillis() < until) {
                Thread.sleep(200);
                logs = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/lambda/logs/" + name)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
        }
        assertTrue(logs.contains("Version: 1"), logs);
        assertFalse(logs.contains("Version: $LATEST"), logs);
    }
}
