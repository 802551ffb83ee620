package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda function URLs: the control plane through the SDK v2, and real HTTP calls (java.net.http on
 * the path form {@code /_aws/lambda-url/<id>/...}, a raw socket for the host form, since
 * java.net.http will not send another Host) to Python functions run as processes.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class LambdaFunctionUrlIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    static final Pattern URL = Pattern.compile("http://([a-z0-9]{32})\\.lambda-url\\.us-east-1\\.localhost:(\\d+)/");
    static final Pattern API_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    static TestServer server;
    static LambdaClient lambda;
    static HttpClient http;

    static final String PY_ECHO = "def handler(event, context):\n    return event\n";

    static final String PY_RESPONSES = """
            import base64
            def handler(event, context):
                path = event["rawPath"]
                if path == "/custom":
                    return {"statusCode": 201, "headers": {"X-Custom": "v", "Content-Type": "text/plain"},
                            "body": "created", "cookies": ["a=1", "b=2; Max-Age=60"]}
                if path == "/b64":
                    return {"statusCode": 200, "headers": {"Content-Type": "application/octet-stream"},
                            "body": base64.b64encode(bytes([0, 1, 2, 255])).decode(), "isBase64Encoded": True}
                if path == "/string":
                    return "hello"
                if path == "/object":
                    return {"message": "hi"}
                if path == "/nobody":
                    return {"statusCode": 204}
                if path == "/badstatus":
                    return {"statusCode": "teapot"}
                raise ValueError("boom")
            """;

    @BeforeAll
    void start() {
        server = newServer();
        lambda = LambdaFunctionsSdkV2IT.client(server);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The server under test; the PostgreSQL variant overrides it. */
    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        http.close();
        lambda.close();
        server.close();
    }

    static String function(String code) {
        return function(lambda, code);
    }

    static String function(LambdaClient client, String code) {
        String name = "url-" + UUID.randomUUID().toString().substring(0, 8);
        client.createFunction(b -> b.functionName(name).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("app.handler").timeout(10).code(c -> c.zipFile(Zips.of("app.py", code))));
        client.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    /**
     * An AuthType NONE URL that anyone may call: as on AWS, the function's policy grants {@code *}
     * {@code lambda:InvokeFunctionUrl} (condition FunctionUrlAuthType NONE) and {@code lambda:InvokeFunction}
     * through the URL (condition InvokedViaFunctionUrl), what the console adds for a public URL.
     */
    static String publicUrl(LambdaClient client, String name) {
        String url = client.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.NONE)).functionUrl();
        grantPublicAccess(client, name);
        return url;
    }

    static void grantPublicAccess(LambdaClient client, String name) {
        client.addPermission(b -> b.functionName(name).statementId("FunctionURLAllowPublicAccess").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        client.addPermission(b -> b.functionName(name).statementId("FunctionURLInvokeAllowPublicAccess").action("lambda:InvokeFunction")
                .principal("*").invokedViaFunctionUrl(true));
    }

    static String urlId(String functionUrl) {
        Matcher m = URL.matcher(functionUrl);
        assertTrue(m.matches(), functionUrl);
        return m.group(1);
    }

    static URI pathForm(TestServer s, String urlId, String pathAndQuery) {
        return URI.create(s.endpoint() + "/_aws/lambda-url/" + urlId + pathAndQuery);
    }

    static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void controlPlaneCreatesReadsUpdatesListsAndDeletes() {
        String name = function(PY_ECHO);
        CreateFunctionUrlConfigResponse created = lambda.createFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowOrigins("https://example.com").allowMethods("GET")));
        assertEquals(server.port(), Integer.parseInt(URL.matcher(created.functionUrl()).replaceAll("$2")));
        urlId(created.functionUrl());
        assertEquals("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name, created.functionArn());
        assertEquals(FunctionUrlAuthType.NONE, created.authType());
        assertEquals("BUFFERED", created.invokeModeAsString());
        assertTrue(API_TIME.matcher(created.creationTime()).matches(), created.creationTime());
        assertEquals(List.of("https://example.com"), created.cors().allowOrigins());

        ResourceConflictException again = assertThrows(ResourceConflictException.class, () -> lambda.createFunctionUrlConfig(b -> b
                .functionName(name).authType(FunctionUrlAuthType.AWS_IAM)));
        assertEquals(409, again.statusCode());
        assertEquals("Failed to create function url config for [functionArn = " + created.functionArn()
                + "]. Error message:  FunctionUrlConfig exists for this Lambda function", again.awsErrorDetails().errorMessage());

        GetFunctionUrlConfigResponse got = lambda.getFunctionUrlConfig(b -> b.functionName(name));
        assertEquals(created.functionUrl(), got.functionUrl());
        assertEquals(created.creationTime(), got.creationTime());
        assertTrue(API_TIME.matcher(got.lastModifiedTime()).matches(), got.lastModifiedTime());

        UpdateFunctionUrlConfigResponse updated = lambda.updateFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.AWS_IAM).cors(c -> c.allowOrigins("*").maxAge(60)).invokeMode("RESPONSE_STREAM"));
        assertEquals(created.functionUrl(), updated.functionUrl());
        assertEquals(FunctionUrlAuthType.AWS_IAM, updated.authType());
        assertEquals(List.of("*"), updated.cors().allowOrigins());
        assertTrue(updated.cors().allowMethods().isEmpty(), "the Cors given replaces the old one whole");
        assertEquals(60, updated.cors().maxAge());
        assertEquals("RESPONSE_STREAM", updated.invokeModeAsString());
        assertEquals(created.creationTime(), updated.creationTime());
        assertTrue(updated.lastModifiedTime().compareTo(got.lastModifiedTime()) >= 0);

        ListFunctionUrlConfigsResponse listed = lambda.listFunctionUrlConfigs(b -> b.functionName(name));
        assertEquals(1, listed.functionUrlConfigs().size());
        assertEquals(FunctionUrlAuthType.AWS_IAM, listed.functionUrlConfigs().getFirst().authType());
        assertEquals(created.functionUrl(), listed.functionUrlConfigs().getFirst().functionUrl());

        lambda.deleteFunctionUrlConfig(b -> b.functionName(name));
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunctionUrlConfig(b -> b.functionName(name)));
        assertEquals("The resource you requested does not exist.", gone.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> lambda.deleteFunctionUrlConfig(b -> b.functionName(name)));
        assertTrue(lambda.listFunctionUrlConfigs(b -> b.functionName(name)).functionUrlConfigs().isEmpty());
    }

    @Test
    void badInputGetsAwsErrors() {
        String name = function(PY_ECHO);
        assertThrows(ResourceNotFoundException.class, () -> lambda.createFunctionUrlConfig(b -> b.functionName("no-such-function")
                .authType(FunctionUrlAuthType.NONE)));
        ResourceNotFoundException alias = assertThrows(ResourceNotFoundException.class, () -> lambda.createFunctionUrlConfig(b -> b
                .functionName(name).qualifier("live").authType(FunctionUrlAuthType.NONE)));
        assertTrue(alias.awsErrorDetails().errorMessage().contains(name + ":live"), alias.awsErrorDetails().errorMessage());
        LambdaException version = assertThrows(LambdaException.class, () -> lambda.createFunctionUrlConfig(b -> b
                .functionName(name).qualifier("1").authType(FunctionUrlAuthType.NONE)));
        assertEquals(400, version.statusCode());
        LambdaException authType = assertThrows(LambdaException.class, () -> lambda.createFunctionUrlConfig(b -> b
                .functionName(name).authType("OPEN")));
        assertEquals(400, authType.statusCode());
        assertThrows(InvalidParameterValueException.class, () -> lambda.createFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowMethods("FETCH"))));
        assertThrows(InvalidParameterValueException.class, () -> lambda.createFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowOrigins("example.com"))));
        LambdaException maxAge = assertThrows(LambdaException.class, () -> lambda.createFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.maxAge(86401))));
        assertEquals(400, maxAge.statusCode());
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionUrlConfig(b -> b.functionName(name)),
                "nothing was created by the refused calls");
    }

    @Test
    void deletingTheFunctionDeletesItsUrl() throws Exception {
        String name = function(PY_ECHO);
        String id = urlId(publicUrl(lambda, name));
        assertEquals(200, send(HttpRequest.newBuilder(pathForm(server, id, "/")).GET().build()).statusCode());
        lambda.deleteFunction(b -> b.functionName(name));
        HttpResponse<byte[]> gone = send(HttpRequest.newBuilder(pathForm(server, id, "/")).GET().build());
        assertEquals(403, gone.statusCode());
        assertEquals("{\"Message\":null}", text(gone));

        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("app.handler").code(c -> c.zipFile(Zips.of("app.py", PY_ECHO))));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionUrlConfig(b -> b.functionName(name)),
                "a function created again under the same name has no URL");
    }

    @Test
    void pathFormDeliversThePayload20Event() throws Exception {
        String name = function(PY_ECHO);
        String id = urlId(publicUrl(lambda, name));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(pathForm(server, id, "/some/path?a=1&a=2&b=x%20y"))
                .header("Content-Type", "application/json").header("X-Custom", "one").header("X-Custom", "two")
                .header("Cookie", "c1=v1; c2=v2").header("User-Agent", "url-test/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}")).build());
        assertEquals(200, r.statusCode(), text(r));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode event = JSON.readTree(r.body());
        assertEquals("2.0", event.get("version").asText());
        assertEquals("$default", event.get("routeKey").asText());
        assertEquals("/some/path", event.get("rawPath").asText());
        assertEquals("a=1&a=2&b=x%20y", event.get("rawQueryString").asText());
        assertEquals("1,2", event.get("queryStringParameters").get("a").asText());
        assertEquals("x y", event.get("queryStringParameters").get("b").asText());
        assertEquals(List.of("c1=v1", "c2=v2"), List.of(event.get("cookies").get(0).asText(), event.get("cookies").get(1).asText()));
        JsonNode headers = event.get("headers");
        assertEquals("one,two", headers.get("x-custom").asText());
        assertEquals("application/json", headers.get("content-type").asText());
        assertFalse(headers.has("cookie"), headers.toString());
        headers.fieldNames().forEachRemaining(h -> assertEquals(h.toLowerCase(), h));
        assertEquals("{\"hello\":\"world\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        JsonNode ctx = event.get("requestContext");
        assertEquals("anonymous", ctx.get("accountId").asText());
        assertEquals(id, ctx.get("apiId").asText());
        assertEquals(id + ".lambda-url.us-east-1.localhost", ctx.get("domainName").asText());
        assertEquals(id, ctx.get("domainPrefix").asText());
        assertEquals("POST", ctx.get("http").get("method").asText());
        assertEquals("/some/path", ctx.get("http").get("path").asText());
        assertEquals("HTTP/1.1", ctx.get("http").get("protocol").asText());
        assertEquals("127.0.0.1", ctx.get("http").get("sourceIp").asText());
        assertEquals("url-test/1.0", ctx.get("http").get("userAgent").asText());
        assertEquals("$default", ctx.get("routeKey").asText());
        assertEquals("$default", ctx.get("stage").asText());
        assertTrue(ctx.get("time").asText().matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"), ctx.get("time").asText());
        assertTrue(ctx.get("timeEpoch").isIntegralNumber());
        assertFalse(ctx.get("requestId").asText().isEmpty());
        assertFalse(ctx.has("authorizer"), "no authorizer for AuthType NONE");

        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe};
        HttpResponse<byte[]> bin = send(HttpRequest.newBuilder(pathForm(server, id, "")).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(binary)).build());
        JsonNode binEvent = JSON.readTree(bin.body());
        assertEquals("/", binEvent.get("rawPath").asText());
        assertEquals("", binEvent.get("rawQueryString").asText());
        assertFalse(binEvent.has("queryStringParameters"));
        assertFalse(binEvent.has("cookies"));
        assertTrue(binEvent.get("isBase64Encoded").asBoolean());
        assertArrayEquals(binary, Base64.getDecoder().decode(binEvent.get("body").asText()));
    }

    @Test
    void hostFormReachesTheSameFunction() throws Exception {
        String name = function(PY_ECHO);
        String url = publicUrl(lambda, name);
        String id = urlId(url);
        RawHttp.Response r = RawHttp.send(server.port(), "GET", "/hello/world?x=1",
                Map.of("Host", id + ".lambda-url.us-east-1.localhost:" + server.port()), (byte[]) null);
        assertEquals(200, r.status(), r::toString);
        JsonNode event = JSON.readTree(r.body());
        assertEquals("/hello/world", event.get("rawPath").asText());
        assertEquals("x=1", event.get("rawQueryString").asText());
        assertEquals(id + ".lambda-url.us-east-1.localhost:" + server.port(), event.get("headers").get("host").asText());
        assertEquals(id, event.get("requestContext").get("apiId").asText());

        RawHttp.Response otherRegion = RawHttp.send(server.port(), "GET", "/", Map.of("Host", id + ".lambda-url.eu-west-1.localhost"),
                (byte[]) null);
        assertEquals(403, otherRegion.status(), otherRegion::toString);
        RawHttp.Response unknown = RawHttp.send(server.port(), "GET", "/",
                Map.of("Host", "abcdefghijabcdefghijabcdefghij12.lambda-url.us-east-1.localhost"), (byte[]) null);
        assertEquals(403, unknown.status(), unknown::toString);
        assertEquals("AccessDeniedException", unknown.header("x-amzn-ErrorType"));
    }

    @Test
    void resultsAreMappedToResponsesAsLambdaDoes() throws Exception {
        String name = function(PY_RESPONSES);
        String id = urlId(publicUrl(lambda, name));

        HttpResponse<byte[]> custom = send(HttpRequest.newBuilder(pathForm(server, id, "/custom")).GET().build());
        assertEquals(201, custom.statusCode());
        assertEquals("created", text(custom));
        assertEquals("v", custom.headers().firstValue("X-Custom").orElseThrow());
        assertEquals("text/plain", custom.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(List.of("a=1", "b=2; Max-Age=60"), custom.headers().allValues("Set-Cookie"));

        HttpResponse<byte[]> b64 = send(HttpRequest.newBuilder(pathForm(server, id, "/b64")).GET().build());
        assertEquals(200, b64.statusCode());
        assertArrayEquals(new byte[]{0, 1, 2, (byte) 0xff}, b64.body());

        HttpResponse<byte[]> string = send(HttpRequest.newBuilder(pathForm(server, id, "/string")).GET().build());
        assertEquals(200, string.statusCode());
        assertEquals("application/json", string.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("\"hello\"", text(string));

        HttpResponse<byte[]> object = send(HttpRequest.newBuilder(pathForm(server, id, "/object")).GET().build());
        assertEquals(200, object.statusCode());
        assertEquals("application/json", object.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("hi", JSON.readTree(object.body()).get("message").asText());

        HttpResponse<byte[]> noBody = send(HttpRequest.newBuilder(pathForm(server, id, "/nobody")).GET().build());
        assertEquals(204, noBody.statusCode());
        assertEquals(0, noBody.body().length);

        for (String failing : List.of("/error", "/badstatus")) {
            HttpResponse<byte[]> error = send(HttpRequest.newBuilder(pathForm(server, id, failing)).GET().build());
            assertEquals(502, error.statusCode(), failing);
            assertEquals("Internal Server Error", text(error), failing);
        }
    }

    @Test
    void corsPreflightIsAnsweredFromTheConfiguration() throws Exception {
        String name = function(PY_RESPONSES);
        String id = urlId(lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.NONE)
                .cors(Cors.builder().allowOrigins("https://example.com").allowMethods("GET", "POST").allowHeaders("x-custom")
                        .exposeHeaders("x-out").maxAge(300).allowCredentials(true).build())).functionUrl());
        grantPublicAccess(lambda, name);

        HttpResponse<byte[]> preflight = send(HttpRequest.newBuilder(pathForm(server, id, "/custom"))
                .header("Origin", "https://example.com").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, preflight.statusCode());
        assertEquals(0, preflight.body().length, "the function is not invoked");
        assertEquals("https://example.com", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("GET,POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
        assertEquals("x-custom", preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("300", preflight.headers().firstValue("Access-Control-Max-Age").orElseThrow());
        assertEquals("true", preflight.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());

        HttpResponse<byte[]> stranger = send(HttpRequest.newBuilder(pathForm(server, id, "/custom"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), stranger.headers().toString());

        HttpResponse<byte[]> actual = send(HttpRequest.newBuilder(pathForm(server, id, "/custom"))
                .header("Origin", "https://example.com").GET().build());
        assertEquals(201, actual.statusCode());
        assertEquals("https://example.com", actual.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("x-out", actual.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
        assertEquals("true", actual.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
        assertEquals("created", text(actual));
    }

    @Test
    void awsIamUrlsNeedASignatureOfTheFunctionsAccount() throws Exception {
        String name = function(PY_ECHO);
        String id = urlId(lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.AWS_IAM)).functionUrl());
        URI uri = pathForm(server, id, "/private?q=1");

        HttpResponse<byte[]> unsigned = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build());
        assertEquals(403, unsigned.statusCode());
        assertEquals("{\"Message\":\"Forbidden\"}", text(unsigned));

        HttpResponse<byte[]> signed = send(signed(uri, ACCOUNT, "secret", "{\"n\":1}"));
        assertEquals(200, signed.statusCode(), text(signed));
        JsonNode event = JSON.readTree(signed.body());
        assertEquals("{\"n\":1}", event.get("body").asText());
        JsonNode iam = event.get("requestContext").get("authorizer").get("iam");
        assertEquals(ACCOUNT, iam.get("accountId").asText());
        assertEquals(ACCOUNT, iam.get("accessKey").asText());
        assertEquals(ACCOUNT, event.get("requestContext").get("accountId").asText());

        HttpResponse<byte[]> otherAccount = send(signed(uri, OTHER, "secret", "{}"));
        assertEquals(403, otherAccount.statusCode(), "another account needs the function's policy: " + text(otherAccount));
        assertEquals("{\"Message\":\"Forbidden\"}", text(otherAccount));
    }

    static final String OTHER = "210987654321";

    @Test
    void awsIamUrlsTakeAnotherAccountsCallsWhenThePolicyGrantsThem() throws Exception {
        String name = function(PY_ECHO);
        String id = urlId(lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.AWS_IAM)).functionUrl());
        URI uri = pathForm(server, id, "/cross");
        lambda.addPermission(b -> b.functionName(name).statementId("other-url").action("lambda:InvokeFunctionUrl").principal(OTHER)
                .functionUrlAuthType(FunctionUrlAuthType.AWS_IAM));
        assertEquals(403, send(signed(uri, OTHER, "secret", "{}")).statusCode(), "lambda:InvokeFunction is needed too");
        lambda.addPermission(b -> b.functionName(name).statementId("other-invoke").action("lambda:InvokeFunction").principal(OTHER)
                .invokedViaFunctionUrl(true));

        HttpResponse<byte[]> allowed = send(signed(uri, OTHER, "secret", "{\"x\":1}"));
        assertEquals(200, allowed.statusCode(), text(allowed));
        JsonNode ctx = JSON.readTree(allowed.body()).get("requestContext");
        assertEquals(OTHER, ctx.get("accountId").asText());
        assertEquals(OTHER, ctx.get("authorizer").get("iam").get("accountId").asText());
        RawHttp.Response byHost = RawHttp.send(server.port(), "GET", "/cross", Map.of("Host", id + ".lambda-url.us-east-1.localhost"),
                (byte[]) null);
        assertEquals(403, byHost.status(), "unsigned: " + byHost);

        assertEquals(403, send(signed(uri, "333344445555", "secret", "{}")).statusCode(), "an account the policy does not name");
        HttpResponse<byte[]> unsigned = send(HttpRequest.newBuilder(uri).GET().build());
        assertEquals(403, unsigned.statusCode(), "a statement to an account does not cover anonymous callers");

        lambda.removePermission(b -> b.functionName(name).statementId("other-url"));
        assertEquals(403, send(signed(uri, OTHER, "secret", "{}")).statusCode(), "the grant was removed");
        assertEquals(200, send(signed(uri, ACCOUNT, "secret", "{}")).statusCode(), "the function's own account needs no statement");
    }

    @Test
    void anAliasUrlIsGovernedByTheAliasesOwnPolicy() throws Exception {
        String name = function(PY_ECHO);
        String version = lambda.publishVersion(b -> b.functionName(name)).version();
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion(version));
        String id = urlId(lambda.createFunctionUrlConfig(b -> b.functionName(name).qualifier("live").authType(FunctionUrlAuthType.NONE))
                .functionUrl());
        grantPublicAccess(lambda, name);
        assertEquals(403, send(HttpRequest.newBuilder(pathForm(server, id, "/")).GET().build()).statusCode(),
                "the unqualified function's policy does not cover its alias");
        lambda.addPermission(b -> b.functionName(name).qualifier("live").statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        lambda.addPermission(b -> b.functionName(name).qualifier("live").statementId("invoke").action("lambda:InvokeFunction")
                .principal("*").invokedViaFunctionUrl(true));
        HttpResponse<byte[]> open = send(HttpRequest.newBuilder(pathForm(server, id, "/")).GET().build());
        assertEquals(200, open.statusCode(), text(open));
    }

    @Test
    void noneUrlsNeedTheResourcePolicyToGrantEveryoneBothActions() throws Exception {
        String name = function(PY_ECHO);
        String id = urlId(lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.NONE)).functionUrl());
        Map<String, String> host = Map.of("Host", id + ".lambda-url.us-east-1.localhost:" + server.port());

        HttpResponse<byte[]> noPolicy = send(HttpRequest.newBuilder(pathForm(server, id, "/")).GET().build());
        assertEquals(403, noPolicy.statusCode());
        assertEquals("{\"Message\":\"Forbidden\"}", text(noPolicy));
        assertEquals("AccessDeniedException", noPolicy.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        RawHttp.Response noPolicyByHost = RawHttp.send(server.port(), "GET", "/", host, (byte[]) null);
        assertEquals(403, noPolicyByHost.status());
        assertEquals("{\"Message\":\"Forbidden\"}", new String(noPolicyByHost.body(), StandardCharsets.UTF_8));

        // a statement for the other auth type does not match NONE's context
        lambda.addPermission(b -> b.functionName(name).statementId("iam-only").action("lambda:InvokeFunctionUrl").principal("*")
                .functionUrlAuthType(FunctionUrlAuthType.AWS_IAM));
        lambda.addPermission(b -> b.functionName(name).statementId("url").action("lambda:InvokeFunctionUrl").principal("*")
                .functionUrlAuthType(FunctionUrlAuthType.NONE));
        assertEquals(403, send(HttpRequest.newBuilder(pathForm(server, id, "/")).GET().build()).statusCode(),
                "a URL created after October 2025 needs lambda:InvokeFunction as well");
        lambda.addPermission(b -> b.functionName(name).statementId("invoke").action("lambda:InvokeFunction").principal("*")
                .invokedViaFunctionUrl(true));

        HttpResponse<byte[]> open = send(HttpRequest.newBuilder(pathForm(server, id, "/p")).GET().build());
        assertEquals(200, open.statusCode(), text(open));
        assertEquals("anonymous", JSON.readTree(open.body()).get("requestContext").get("accountId").asText());
        RawHttp.Response openByHost = RawHttp.send(server.port(), "GET", "/h", host, (byte[]) null);
        assertEquals(200, openByHost.status(), openByHost::toString);

        JsonNode statements = JSON.readTree(lambda.getPolicy(b -> b.functionName(name)).policy()).get("Statement");
        assertEquals("true", statements.get(2).at("/Condition/Bool/lambda:InvokedViaFunctionUrl").asText(), statements.toString());
        assertEquals("NONE", statements.get(1).at("/Condition/StringEquals/lambda:FunctionUrlAuthType").asText());

        lambda.removePermission(b -> b.functionName(name).statementId("url"));
        assertEquals(403, send(HttpRequest.newBuilder(pathForm(server, id, "/")).GET().build()).statusCode(),
                "lambda:InvokeFunction alone does not open the URL");
        assertEquals(403, RawHttp.send(server.port(), "GET", "/", host, (byte[]) null).status());

        InvalidParameterValueException wrongAction = assertThrows(InvalidParameterValueException.class, () -> lambda.addPermission(b -> b
                .functionName(name).statementId("bad").action("lambda:GetFunction").principal("*").invokedViaFunctionUrl(true)));
        assertEquals(400, wrongAction.statusCode());
    }

    @Test
    void strictModeVerifiesTheSignature() throws Exception {
        Path creds = Files.createTempDirectory("haneul-url-strict").resolve("credentials");
        Files.writeString(creds, "AKIDURL secret-url " + ACCOUNT + "\n");
        try (TestServer strict = TestServer.start("--auth", "strict", "--credentials", creds.toString());
             LambdaClient client = LambdaClient.builder().endpointOverride(strict.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDURL", "secret-url"))).build();
             IamClient iam = IamClient.builder().endpointOverride(strict.endpoint()).region(Region.AWS_GLOBAL)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDURL", "secret-url"))).build()) {
            // strict mode checks the execution role: it must exist and trust Lambda
            iam.createRole(b -> b.roleName("lambda-exec").assumeRolePolicyDocument(LambdaRoleCredentialsIT.TRUST_LAMBDA));
            String name = function(client, PY_ECHO);
            String iamId = urlId(client.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.AWS_IAM)).functionUrl());
            URI uri = pathForm(strict, iamId, "/x");
            assertEquals(403, send(signed(uri, "AKIDURL", "wrong-secret", "{}")).statusCode());
            HttpResponse<byte[]> good = send(signed(uri, "AKIDURL", "secret-url", "{}"));
            assertEquals(200, good.statusCode(), text(good));
            assertEquals("AKIDURL", JSON.readTree(good.body()).get("requestContext").get("authorizer").get("iam").get("accessKey").asText());

            String openName = function(client, PY_ECHO);
            String openId = urlId(publicUrl(client, openName));
            HttpResponse<byte[]> open = send(HttpRequest.newBuilder(pathForm(strict, openId, "/")).GET().build());
            assertEquals(200, open.statusCode(), "AuthType NONE takes unsigned calls in strict mode too: " + text(open));
        }
    }

    /** A request signed with the SDK's own SigV4 signer for service {@code lambda}. */
    static HttpRequest signed(URI uri, String key, String secret, String body) {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.POST)
                .putHeader("Content-Type", "application/json").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(key, secret))
                .request(request).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC)));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        Set<String> restricted = Set.of("host", "content-length", "connection", "expect", "upgrade");
        signed.request().headers().forEach((k, values) -> {
            if (!restricted.contains(k.toLowerCase())) {
                values.forEach(v -> b.header(k, v));
            }
        });
        return b.build();
    }

    @Test
    void throttledInvocationsAnswer429AndOversizedRequests413() throws Exception {
        Path gate = Files.createTempDirectory("haneul-url-gate");
        try (TestServer limited = TestServer.start("--lambda-concurrency-limit", "1");
             LambdaClient client = LambdaFunctionsSdkV2IT.client(limited)) {
            String name = "gate-" + UUID.randomUUID().toString().substring(0, 8);
            client.createFunction(b -> b.functionName(name).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                    .handler("app.handler").timeout(60).environment(e -> e.variables(Map.of("GATE", gate.toString())))
                    .code(c -> c.zipFile(Zips.of("app.py", """
                            import os, time
                            def handler(event, context):
                                gate = os.environ["GATE"]
                                open(os.path.join(gate, "started"), "w").close()
                                while not os.path.exists(os.path.join(gate, "release")):
                                    time.sleep(0.02)
                                return {"released": True}
                            """))));
            client.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
            String id = urlId(publicUrl(client, name));
            var first = http.sendAsync(HttpRequest.newBuilder(pathForm(limited, id, "/")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            while (!Files.exists(gate.resolve("started"))) {
                Thread.sleep(20); // the only environment the account may have is now busy
            }
            HttpResponse<byte[]> throttled = send(HttpRequest.newBuilder(pathForm(limited, id, "/")).GET().build());
            assertEquals(429, throttled.statusCode(), text(throttled));
            assertEquals("TooManyRequestsException", throttled.headers().firstValue("x-amzn-ErrorType").orElseThrow());
            Files.createFile(gate.resolve("release"));
            HttpResponse<byte[]> released = first.get();
            assertEquals(200, released.statusCode());
            assertEquals("{\"released\": true}", text(released));

            HttpResponse<byte[]> large = send(HttpRequest.newBuilder(pathForm(limited, id, "/"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[7 * 1024 * 1024])).build());
            assertEquals(413, large.statusCode(), text(large));
        }
    }

    @Test
    void unsignedCallToAnUnknownIdIsRefused() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(pathForm(server, "0123456789abcdefghij0123456789ab", "/")).GET().build());
        assertEquals(403, r.statusCode());
        assertNull(JSON.readTree(r.body()).get("Message").textValue());
    }
}
