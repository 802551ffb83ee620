package io.haneul.it.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket API end to end with real clients: {@code $connect} behind a REQUEST Lambda
 * authorizer (401 and 403 handshake answers), a Python function on {@code $connect} and custom
 * routes (AWS's WebSocket event), a MOCK {@code $default} route answering through route and
 * integration responses with Velocity templates, an HTTP {@code $disconnect} integration, the
 * {@code @connections} API through the SDK v2 client at both endpoint forms (and unsigned from
 * inside a function), 410 GoneException, and the 32 KB frame / 128 KB message limits (1009).
 */
class ApiGatewayWebSocketIT {

    static final String ACCOUNT = "123456789012";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FUNCTION = """
            import json, os, urllib.parse, urllib.request
            def handler(event, context):
                if event.get("type") == "REQUEST":
                    token = (event.get("queryStringParameters") or {}).get("token") or ""
                    effect = "Allow" if token == "good" else "Deny"
                    return {"principalId": "user-1", "context": {"tier": "gold"},
                            "policyDocument": {"Version": "2012-10-17", "Statement": [
                                {"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}]}}
                ctx = event["requestContext"]
                if ctx["eventType"] == "CONNECT":
                    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
                    return {"statusCode": 403 if headers.get("x-reject") == "yes" else 200}
                body = json.loads(event.get("body") or "{}")
                if body.get("action") == "broadcast":
                    url = os.environ["AWS_ENDPOINT_URL"] + "/_aws/execute-api/" + ctx["apiId"] + "/" + ctx["stage"] + "/@connections/"
                    for target in body["to"]:
                        data = json.dumps({"from": ctx["connectionId"], "text": body["text"]}).encode()
                        urllib.request.urlopen(urllib.request.Request(url + urllib.parse.quote(target, safe=""), data=data, method="POST")).read()
                    return {"statusCode": 200}
                return {"statusCode": 200, "body": json.dumps({"event": event})}
            """;

    static TestServer server;
    static ApiGatewayV2Client v2;
    static HttpServer backend;
    static final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    static String api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        v2 = ApiGatewayV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials()).build();
        LambdaClient lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials()).build();
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            disconnects.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        backend.start();

        String name = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/r")
                .handler("app.handler").timeout(20).code(c -> c.zipFile(zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String functionArn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;
        String invocationUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations";

        api = v2.createApi(b -> b.name("chat").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
        lambda.addPermission(b -> b.functionName(name).statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/*"));
        String authorizer = v2.createAuthorizer(b -> b.apiId(api).name("token").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri(invocationUri).identitySource("route.request.querystring.token")).authorizerId();
        String proxy = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY).integrationUri(invocationUri)).integrationId();
        String mock = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.MOCK).templateSelectionExpression("\\$default")
                .requestTemplates(Map.of("$default", "{\"statusCode\": 200, \"said\": \"$util.escapeJavaScript($input.body)\", \"route\": \"$context.routeKey\"}")))
                .integrationId();
        v2.createIntegrationResponse(b -> b.apiId(api).integrationId(mock).integrationResponseKey("$default")
                .templateSelectionExpression("\\$default")
                .responseTemplates(Map.of("$default", "{\"mock\": $input.body, \"connectionId\": \"$context.connectionId\"}")));
        String gone = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.HTTP).integrationMethod("POST")
                .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/gone")
                .requestTemplates(Map.of("$default", "{\"gone\": \"$context.connectionId\", \"event\": \"$context.eventType\", \"code\": \"$context.disconnectStatusCode\"}")))
                .integrationId();
        v2.createRoute(b -> b.apiId(api).routeKey("$connect").target("integrations/" + proxy)
                .authorizationType(AuthorizationType.CUSTOM).authorizerId(authorizer));
        String echo = v2.createRoute(b -> b.apiId(api).routeKey("echo").target("integrations/" + proxy).routeResponseSelectionExpression("$default")).routeId();
        v2.createRouteResponse(b -> b.apiId(api).routeId(echo).routeResponseKey("$default"));
        v2.createRoute(b -> b.apiId(api).routeKey("broadcast").target("integrations/" + proxy));
        String fallback = v2.createRoute(b -> b.apiId(api).routeKey("$default").target("integrations/" + mock).routeResponseSelectionExpression("$default")).routeId();
        v2.createRouteResponse(b -> b.apiId(api).routeId(fallback).routeResponseKey("$default"));
        v2.createRoute(b -> b.apiId(api).routeKey("$disconnect").target("integrations/" + gone));
        v2.createStage(b -> b.apiId(api).stageName("prod"));
        v2.createDeployment(b -> b.apiId(api).stageName("prod"));
    }

    @AfterAll
    static void stop() throws Exception {
        backend.stop(0);
        server.close();
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
    }

    static URI wsUri(String query) {
        return URI.create("ws://localhost:" + server.port() + "/_aws/execute-api/" + api + "/prod" + (query == null ? "" : "?" + query));
    }

    static WsClient connect() {
        return WsClient.open(wsUri("token=good"), Map.of());
    }

    /** The management client at Haneul's path form, as a client that cannot resolve {@code *.localhost} uses it. */
    static ApiGatewayManagementApiClient management() {
        return ApiGatewayManagementApiClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .endpointOverride(URI.create(server.endpoint() + "/_aws/execute-api/" + api + "/prod")).build();
    }

    @Test
    void authorizerRefusesTheHandshake() {
        assertEquals(401, assertThrows(WsClient.Refused.class, () -> WsClient.open(wsUri(null), Map.of())).status);
        assertEquals(403, assertThrows(WsClient.Refused.class, () -> WsClient.open(wsUri("token=bad"), Map.of())).status);
        assertEquals(403, assertThrows(WsClient.Refused.class, () -> WsClient.open(wsUri("token=good"), Map.of("X-Reject", "yes"))).status,
                "a $connect integration answering 403 refuses the connection");
        assertEquals(403, assertThrows(WsClient.Refused.class, () -> WsClient.open(
                URI.create("ws://localhost:" + server.port() + "/_aws/execute-api/" + api + "/nostage?token=good"), Map.of())).status);
    }

    @Test
    void customRouteRunsTheFunctionWithTheWebSocketEvent() throws Exception {
        WsClient c = connect();
        c.send("{\"action\":\"echo\",\"n\":1}");
        JsonNode event = JSON.readTree(c.next()).path("event");
        JsonNode ctx = event.path("requestContext");
        assertEquals("echo", ctx.path("routeKey").asText());
        assertEquals("MESSAGE", ctx.path("eventType").asText());
        assertEquals("IN", ctx.path("messageDirection").asText());
        assertEquals(api, ctx.path("apiId").asText());
        assertEquals("prod", ctx.path("stage").asText());
        assertFalse(ctx.path("connectionId").asText().isEmpty());
        assertFalse(ctx.path("messageId").asText().isEmpty());
        assertFalse(ctx.path("requestId").asText().isEmpty());
        assertTrue(ctx.path("connectedAt").asLong() > 0);
        assertEquals(api + ".execute-api.localhost", ctx.path("domainName").asText());
        assertEquals("user-1", ctx.path("authorizer").path("principalId").asText());
        assertEquals("gold", ctx.path("authorizer").path("tier").asText());
        assertEquals("{\"action\":\"echo\",\"n\":1}", event.path("body").asText());
        c.send("{\"action\":\"echo\",\"n\":2}");
        JsonNode second = JSON.readTree(c.next()).path("event").path("requestContext");
        assertEquals(ctx.path("connectionId").asText(), second.path("connectionId").asText());
        assertFalse(ctx.path("messageId").asText().equals(second.path("messageId").asText()));
        c.socket.sendClose(1000, "bye").join();
    }

    @Test
    void defaultRouteAnswersThroughMockTemplates() throws Exception {
        WsClient c = connect();
        c.send("hello there");
        JsonNode answer = JSON.readTree(c.next());
        assertEquals("hello there", answer.path("mock").path("said").asText());
        assertEquals("$default", answer.path("mock").path("route").asText());
        assertFalse(answer.path("connectionId").asText().isEmpty());
        c.send("{\"action\":\"nosuchroute\"}");
        assertEquals("$default", JSON.readTree(c.next()).path("mock").path("route").asText());
        c.socket.sendClose(1000, "bye").join();
    }

    @Test
    void connectionsApiDescribesPostsAndDeletes() throws Exception {
        WsClient c = connect();
        c.send("{\"action\":\"echo\"}");
        String id = JSON.readTree(c.next()).at("/event/requestContext/connectionId").asText();
        try (ApiGatewayManagementApiClient m = management()) {
            try (ApiGatewayManagementApiClient stranger = ApiGatewayManagementApiClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("210987654321", "secret")))
                    .endpointOverride(URI.create(server.endpoint() + "/_aws/execute-api/" + api + "/prod")).build()) {
                // another account may not manage this API's connections
                assertEquals(403, assertThrows(software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException.class,
                        () -> stranger.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("intruder")))).statusCode());
            }
            GetConnectionResponse info = m.getConnection(b -> b.connectionId(id));
            assertEquals("127.0.0.1", info.identity().sourceIp());
            assertNotNull(info.identity().userAgent());
            assertNotNull(info.connectedAt());
            assertFalse(info.lastActiveAt().isBefore(info.connectedAt()));
            m.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("pushed")));
            assertEquals("pushed", c.next());
            m.deleteConnection(b -> b.connectionId(id));
            assertEquals(1000, c.closeCode());
            assertEquals(410, assertThrows(GoneException.class, () -> m.getConnection(b -> b.connectionId(id))).statusCode());
            assertEquals(410, assertThrows(GoneException.class, () -> m.postToConnection(b -> b.connectionId(id)
                    .data(SdkBytes.fromUtf8String("late")))).statusCode());
        }
        JsonNode disconnect = awaitDisconnect(id);
        assertEquals("DISCONNECT", disconnect.path("event").asText());
        assertEquals("1000", disconnect.path("code").asText());
    }

    @Test
    void connectionsApiAtTheInvokeHost() throws Exception {
        WsClient c = connect();
        c.send("{\"action\":\"echo\"}");
        String id = JSON.readTree(c.next()).at("/event/requestContext/connectionId").asText();
        try (ApiGatewayManagementApiClient m = ApiGatewayManagementApiClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.builder().dnsResolver(host -> new InetAddress[]{InetAddress.getLoopbackAddress()}).build())
                .endpointOverride(URI.create("http://" + api + ".execute-api.localhost:" + server.port() + "/prod")).build()) {
            assertEquals("127.0.0.1", m.getConnection(b -> b.connectionId(id)).identity().sourceIp());
            m.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("by host")));
            assertEquals("by host", c.next());
            assertThrows(GoneException.class, () -> m.getConnection(b -> b.connectionId("NoSuchConnId0A=")));
        }
        c.socket.sendClose(1000, "bye").join();
        assertEquals("1000", awaitDisconnect(id).path("code").asText(), "a client's close runs $disconnect");
    }

    @Test
    void unsignedCallsWithoutContentTypeReachConnections() throws Exception {
        WsClient c = connect();
        c.send("{\"action\":\"echo\"}");
        String id = JSON.readTree(c.next()).at("/event/requestContext/connectionId").asText();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> posted = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.endpoint()
                        + "/_aws/execute-api/" + api + "/prod/@connections/" + id.replace("=", "%3D")))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("plain post")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals("plain post", c.next());
        java.net.http.HttpResponse<String> gone = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.endpoint()
                        + "/_aws/execute-api/" + api + "/prod/@connections/NoSuchConnId0A%3D")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(410, gone.statusCode());
        assertEquals("GoneException", gone.headers().firstValue("x-amzn-ErrorType").orElse(""));
        c.socket.sendClose(1000, "bye").join();
    }

    @Test
    void functionBroadcastsThroughConnections() throws Exception {
        WsClient a = connect();
        WsClient b = connect();
        a.send("{\"action\":\"echo\"}");
        String idA = JSON.readTree(a.next()).at("/event/requestContext/connectionId").asText();
        b.send("{\"action\":\"echo\"}");
        String idB = JSON.readTree(b.next()).at("/event/requestContext/connectionId").asText();
        a.send(JSON.writeValueAsString(Map.of("action", "broadcast", "text", "hi all", "to", List.of(idA, idB))));
        for (WsClient c : List.of(a, b)) {
            JsonNode got = JSON.readTree(c.next());
            assertEquals("hi all", got.path("text").asText());
            assertEquals(idA, got.path("from").asText());
        }
        a.socket.sendClose(1000, "bye").join();
        b.socket.sendClose(1000, "bye").join();
    }

    @Test
    void oversizedMessagesAndFramesClose1009() throws Exception {
        WsClient big = connect();
        String chunk = "x".repeat(16 * 1024);
        for (int i = 0; i < 8; i++) {
            big.socket.sendText(chunk, false).join();
        }
        big.socket.sendText(chunk, true).join(); // 144 KB in frames of 16 KB
        assertEquals(1009, big.closeCode());

        try (Socket raw = handshake(api + ".execute-api.localhost:" + server.port())) {
            int length = 40 * 1024; // one frame of 40 KB (the JDK's client splits messages into smaller frames)
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(new byte[]{(byte) 0x81, (byte) (0x80 | 126), (byte) (length >> 8), (byte) length, 1, 2, 3, 4});
            for (int i = 0; i < length; i++) {
                frame.write('y' ^ (i % 4 + 1));
            }
            raw.getOutputStream().write(frame.toByteArray());
            raw.getOutputStream().flush();
            InputStream in = raw.getInputStream();
            assertEquals(0x88, in.read(), "a close frame");
            in.read();
            assertEquals(1009, (in.read() << 8) | in.read());
        }

        WsClient fits = connect();
        fits.send("z".repeat(30 * 1024));
        assertTrue(JSON.readTree(fits.next()).path("mock").path("said").asText().startsWith("zzz"));
        fits.socket.sendClose(1000, "bye").join();
    }

    @Test
    void handshakeByInvokeHost() throws Exception {
        handshake(api + ".execute-api.localhost:" + server.port()).close();
    }

    /** A handshake written by hand with the invoke host (the JDK's client cannot resolve {@code *.localhost}); fails unless 101. */
    static Socket handshake(String host) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write(("GET /prod?token=good HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int ch = in.read();
            assertTrue(ch >= 0, "connection closed during the handshake");
            head.write(ch);
        }
        assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"), head.toString(StandardCharsets.US_ASCII));
        return s;
    }

    static JsonNode awaitDisconnect(String connectionId) throws Exception {
        while (true) {
            String body = disconnects.poll(30, TimeUnit.SECONDS);
            assertNotNull(body, "no $disconnect for " + connectionId);
            JsonNode doc = JSON.readTree(body);
            if (doc.path("gone").asText().equals(connectionId)) {
                return doc;
            }
        }
    }

    static SdkBytes zip(String name, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }
}
