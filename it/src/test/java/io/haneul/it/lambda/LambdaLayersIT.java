package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListLayerVersionsResponse;
import software.amazon.awssdk.services.lambda.model.ListLayersResponse;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers: published versions read, listed, downloaded and deleted; functions that import a Python
 * module and require a Node package from their layers; a later layer's file winning over an
 * earlier one's; the 5-layer limit, missing versions, and sharing with another account only by a
 * permission statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaLayersIT {

    static final String OTHER = "222222222222";
    TestServer server;
    LambdaClient lambda;
    LambdaClient other;

    /** A small unpacked limit (100,000 bytes), so that the limit of code and layers together is reached with small zips. */
    static final String[] OPTIONS = {"--lambda-max-unzipped-bytes", "100000"};

    TestServer newServer() {
        return TestServer.start(OPTIONS);
    }

    @BeforeAll
    void start() {
        server = newServer();
        lambda = LambdaFunctionsSdkV2IT.client(server);
        other = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(OTHER, "secret"))).build();
    }

    @AfterAll
    void stop() throws Exception {
        lambda.close();
        other.close();
        server.close();
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static PublishLayerVersionResponse publish(LambdaClient client, String layer, Map<String, String> files) {
        return client.publishLayerVersion(b -> b.layerName(layer).description("d").licenseInfo("MIT")
                .compatibleRuntimes(Runtime.PYTHON3_12, Runtime.NODEJS20_X).compatibleArchitecturesWithStrings("x86_64")
                .content(c -> c.zipFile(Zips.of(files))));
    }

    static String invoke(LambdaClient client, String function) {
        client.waiter().waitUntilFunctionActiveV2(b -> b.functionName(function));
        InvokeResponse r = client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String("{}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        return r.payload().asUtf8String();
    }

    @Test
    void publishedVersionsAreReadListedDownloadedAndDeleted() throws Exception {
        String layer = name("lib");
        SdkBytes zip = Zips.of(Map.of("python/one.py", "X = 1\n"));
        PublishLayerVersionResponse v1 = lambda.publishLayerVersion(b -> b.layerName(layer).description("first")
                .compatibleRuntimes(Runtime.PYTHON3_12).content(c -> c.zipFile(zip)));
        assertEquals(1L, v1.version());
        assertEquals("arn:aws:lambda:us-east-1:" + LambdaFunctionsSdkV2IT.ACCOUNT + ":layer:" + layer, v1.layerArn());
        assertEquals(v1.layerArn() + ":1", v1.layerVersionArn());
        assertEquals(zip.asByteArray().length, v1.content().codeSize());
        PublishLayerVersionResponse v2 = publish(lambda, layer, Map.of("python/two.py", "Y = 2\n"));
        assertEquals(2L, v2.version());

        GetLayerVersionResponse got = lambda.getLayerVersion(b -> b.layerName(layer).versionNumber(1L));
        assertEquals("first", got.description());
        assertEquals(v1.content().codeSha256(), got.content().codeSha256());
        assertEquals(List.of(Runtime.PYTHON3_12), got.compatibleRuntimes());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(got.content().location())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(zip.asByteArray(), download.body());
        }
        assertEquals(2L, lambda.getLayerVersionByArn(b -> b.arn(v2.layerVersionArn())).version());

        ListLayerVersionsResponse versions = lambda.listLayerVersions(b -> b.layerName(layer));
        assertEquals(List.of(2L, 1L), versions.layerVersions().stream().map(v -> v.version()).toList());
        assertEquals(List.of(1L), lambda.listLayerVersions(b -> b.layerName(layer).maxItems(1).marker(
                lambda.listLayerVersions(p -> p.layerName(layer).maxItems(1)).nextMarker())).layerVersions().stream()
                .map(v -> v.version()).toList());
        assertEquals(List.of(2L), lambda.listLayerVersions(b -> b.layerName(layer).compatibleRuntime(Runtime.NODEJS20_X))
                .layerVersions().stream().map(v -> v.version()).toList());
        ListLayersResponse layers = lambda.listLayers(b -> b.compatibleRuntime(Runtime.PYTHON3_12));
        assertTrue(layers.layers().stream().anyMatch(l -> l.layerName().equals(layer) && l.latestMatchingVersion().version() == 2L),
                layers.toString());

        lambda.deleteLayerVersion(b -> b.layerName(layer).versionNumber(2L));
        lambda.deleteLayerVersion(b -> b.layerName(layer).versionNumber(2L)); // deleting again succeeds, as on AWS
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getLayerVersion(b -> b.layerName(layer).versionNumber(2L)));
        assertEquals("The resource you requested does not exist.", gone.awsErrorDetails().errorMessage());
        assertEquals(3L, publish(lambda, layer, Map.of("python/three.py", "Z = 3\n")).version(), "numbers are not reused");
    }

    @Test
    void pythonAndNodeFunctionsSeeTheirLayersAndLaterLayersWin() {
        String first = name("first");
        String second = name("second");
        String a = publish(lambda, first, Map.of(
                "python/shared.py", "WHO = 'first'\n",
                "python/only_first.py", "VALUE = 'from first'\n",
                "nodejs/node_modules/greet/index.js", "module.exports = (n) => 'hello ' + n + ' from first';\n")).layerVersionArn();
        String b = publish(lambda, second, Map.of(
                "python/shared.py", "WHO = 'second'\n",
                "python/lib/python3.12/site-packages/deep.py", "WHERE = 'site-packages'\n",
                "nodejs/node_modules/greet/index.js", "module.exports = (n) => 'hello ' + n + ' from second';\n")).layerVersionArn();

        String py = name("py");
        lambda.createFunction(f -> f.functionName(py).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .layers(a, b).code(c -> c.zipFile(Zips.of(Map.of("app.py", """
                        import shared, only_first, deep
                        def handler(event, context):
                            return [shared.WHO, only_first.VALUE, deep.WHERE]
                        """)))));
        assertEquals("[\"second\", \"from first\", \"site-packages\"]", invoke(lambda, py));
        assertEquals(List.of(a, b), lambda.getFunctionConfiguration(f -> f.functionName(py)).layers().stream().map(l -> l.arn()).toList());
        assertTrue(lambda.getFunctionConfiguration(f -> f.functionName(py)).layers().getFirst().codeSize() > 0);

        lambda.updateFunctionConfiguration(f -> f.functionName(py).layers(b, a));
        lambda.waiter().waitUntilFunctionUpdatedV2(f -> f.functionName(py));
        assertEquals("[\"first\", \"from first\", \"site-packages\"]", invoke(lambda, py), "the order of the layers decides");

        String node = name("node");
        lambda.createFunction(f -> f.functionName(node).runtime("nodejs20.x").role(LambdaFunctionsSdkV2IT.ROLE).handler("index.handler")
                .layers(b, a).code(c -> c.zipFile(Zips.of(Map.of("index.js",
                        "const greet = require('greet');\nexports.handler = async () => greet('node');\n")))));
        assertEquals("\"hello node from first\"", invoke(lambda, node));
    }

    @Test
    void javaFunctionsLoadClassesFromTheirLayersJars() {
        Map<String, byte[]> classes = JavaHandlers.compile(Map.of(
                "shared.Greeting", "package shared; public class Greeting { public static String of(String n) { return \"hello \" + n + \" from the layer\"; } }",
                "fn.Handler", """
                        package fn;
                        import com.amazonaws.services.lambda.runtime.Context;
                        import com.amazonaws.services.lambda.runtime.RequestHandler;
                        import java.util.Map;
                        public class Handler implements RequestHandler<Map<String, Object>, String> {
                            public String handleRequest(Map<String, Object> event, Context context) {
                                return shared.Greeting.of("java");
                            }
                        }
                        """));
        byte[] layerJar = JavaHandlers.zip(Map.of("shared/Greeting.class", classes.get("shared/Greeting.class")));
        String layer = name("java");
        String arn = lambda.publishLayerVersion(b -> b.layerName(layer).compatibleRuntimes(Runtime.JAVA21)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(JavaHandlers.zip(Map.of("java/lib/shared.jar", layerJar)))))).layerVersionArn();
        String fn = name("java-fn");
        lambda.createFunction(f -> f.functionName(fn).runtime("java21").role(LambdaFunctionsSdkV2IT.ROLE).handler("fn.Handler::handleRequest")
                .timeout(30).memorySize(512).layers(arn)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(JavaHandlers.zip(Map.of("fn/Handler.class", classes.get("fn/Handler.class")))))));
        assertEquals("\"hello java from the layer\"", invoke(lambda, fn));
    }

    @Test
    void functionsReferenceAtMostFiveExistingLayers() {
        String layer = name("many");
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            arns.add(publish(lambda, layer + i, Map.of("python/m" + i + ".py", "\n")).layerVersionArn());
        }
        InvalidParameterValueException tooMany = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(f -> f
                .functionName(name("six")).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler").layers(arns)
                .code(c -> c.zipFile(Zips.of("app.py", "def handler(e, c):\n    return 1\n")))));
        assertEquals("Cannot reference more than 5 layers.", tooMany.awsErrorDetails().errorMessage());

        String missing = "arn:aws:lambda:us-east-1:" + LambdaFunctionsSdkV2IT.ACCOUNT + ":layer:" + layer + "0:9";
        InvalidParameterValueException absent = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(f -> f
                .functionName(name("absent")).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler").layers(missing)
                .code(c -> c.zipFile(Zips.of("app.py", "def handler(e, c):\n    return 1\n")))));
        assertEquals("Layer version " + missing + " does not exist.", absent.awsErrorDetails().errorMessage());

        String v2 = publish(lambda, layer + "0", Map.of("python/m0.py", "# second\n")).layerVersionArn();
        InvalidParameterValueException twice = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(f -> f
                .functionName(name("twice")).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .layers(arns.getFirst(), v2).code(c -> c.zipFile(Zips.of("app.py", "def handler(e, c):\n    return 1\n")))));
        assertEquals("Two different versions of the same layer are not allowed to be referenced in the same function. "
                + arns.getFirst() + " and " + v2 + " are versions of the same layer.", twice.awsErrorDetails().errorMessage());
    }

    @Test
    void codeAndLayersTogetherStayWithinTheUnpackedLimit() {
        String big = publish(lambda, name("big"), Map.of("python/big.py", "#" + "x".repeat(60_000) + "\n")).layerVersionArn();
        String fn = name("heavy");
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(f -> f
                .functionName(fn).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler").layers(big)
                .code(c -> c.zipFile(Zips.of("app.py", "#" + "y".repeat(50_000) + "\ndef handler(e, c):\n    return 1\n")))));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith(
                "Function code combined with layers exceeds the maximum allowed size of 100000 bytes. The actual size is "),
                e.awsErrorDetails().errorMessage());
        lambda.createFunction(f -> f.functionName(fn).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .layers(big).code(c -> c.zipFile(Zips.of("app.py", "import big\ndef handler(e, c):\n    return 1\n"))));
        assertEquals("1", invoke(lambda, fn));
    }

    /** Lambda's model has no AccessDeniedException: the SDK reports it as a LambdaException with AWS's code. */
    static void assertDenied(org.junit.jupiter.api.function.Executable call) {
        LambdaException e = assertThrows(LambdaException.class, call);
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
    }

    @Test
    void anotherAccountUsesALayerOnlyWithPermission() {
        String layer = name("shared");
        String arn = publish(lambda, layer, Map.of("python/lib_shared.py", "V = 'shared'\n")).layerVersionArn();
        String fn = name("borrower");
        assertDenied(() -> other.createFunction(f -> f.functionName(fn).runtime("python3.12")
                .role("arn:aws:iam::" + OTHER + ":role/r").handler("app.handler").layers(arn)
                .code(c -> c.zipFile(Zips.of("app.py", "import lib_shared\ndef handler(e, c):\n    return lib_shared.V\n")))));
        assertDenied(() -> other.getLayerVersionByArn(b -> b.arn(arn)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getLayerVersionPolicy(b -> b.layerName(layer).versionNumber(1L)));

        var granted = lambda.addLayerVersionPermission(b -> b.layerName(layer).versionNumber(1L).statementId("share")
                .action("lambda:GetLayerVersion").principal(OTHER));
        assertTrue(granted.statement().contains("\"arn:aws:iam::" + OTHER + ":root\""), granted.statement());
        assertThrows(ResourceConflictException.class, () -> lambda.addLayerVersionPermission(b -> b.layerName(layer).versionNumber(1L)
                .statementId("share").action("lambda:GetLayerVersion").principal("*")));
        var policy = lambda.getLayerVersionPolicy(b -> b.layerName(layer).versionNumber(1L));
        assertTrue(policy.policy().contains("\"Sid\":\"share\""), policy.policy());
        assertEquals(granted.revisionId(), policy.revisionId());

        assertEquals(1L, other.getLayerVersionByArn(b -> b.arn(arn)).version());
        other.createFunction(f -> f.functionName(fn).runtime("python3.12").role("arn:aws:iam::" + OTHER + ":role/r")
                .handler("app.handler").layers(arn)
                .code(c -> c.zipFile(Zips.of("app.py", "import lib_shared\ndef handler(e, c):\n    return lib_shared.V\n"))));
        assertEquals("\"shared\"", invoke(other, fn));

        lambda.removeLayerVersionPermission(b -> b.layerName(layer).versionNumber(1L).statementId("share"));
        assertDenied(() -> other.getLayerVersionByArn(b -> b.arn(arn)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.removeLayerVersionPermission(b -> b.layerName(layer)
                .versionNumber(1L).statementId("share")));
    }
}
