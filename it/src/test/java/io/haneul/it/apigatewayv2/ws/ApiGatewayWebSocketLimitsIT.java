package io.haneul.it.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The server closes connections that stay silent past the idle limit and any connection past its
 * lifetime (both options, short here), and {@code $disconnect} runs for each (an HTTP integration
 * the test serves records it).
 */
class ApiGatewayWebSocketLimitsIT {

    static TestServer idle;
    static TestServer shortLived;
    static HttpServer backend;
    static final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            disconnects.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        backend.start();
        idle = TestServer.start("--apigateway-ws-idle-seconds", "1");
        shortLived = TestServer.start("--apigateway-ws-lifetime-seconds", "1");
    }

    @AfterAll
    static void stop() throws Exception {
        idle.close();
        shortLived.close();
        backend.stop(0);
    }

    static String api(TestServer server) {
        try (ApiGatewayV2Client v2 = ApiGatewayV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(ApiGatewayWebSocketNodesIT.credentials()).build()) {
            String api = v2.createApi(b -> b.name("limits").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
            String gone = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.HTTP).integrationMethod("POST")
                    .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/gone")
                    .requestTemplates(Map.of("$default", "{\"gone\": \"$context.connectionId\", \"code\": \"$context.disconnectStatusCode\"}")))
                    .integrationId();
            v2.createRoute(b -> b.apiId(api).routeKey("$disconnect").target("integrations/" + gone));
            v2.createStage(b -> b.apiId(api).stageName("prod").autoDeploy(true));
            return api;
        }
    }

    static void closesWith1001AndDisconnects(TestServer server) throws Exception {
        disconnects.clear();
        WsClient c = WsClient.open(URI.create("ws://localhost:" + server.port() + "/_aws/execute-api/" + api(server) + "/prod"), Map.of());
        assertEquals(1001, c.closeCode());
        String body = disconnects.poll(30, TimeUnit.SECONDS);
        assertNotNull(body, "$disconnect ran");
        JsonNode doc = ApiGatewayWebSocketIT.JSON.readTree(body);
        assertEquals("1001", doc.path("code").asText());
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        closesWith1001AndDisconnects(idle);
    }

    @Test
    void connectionIsClosedAtTheEndOfItsLifetime() throws Exception {
        closesWith1001AndDisconnects(shortLived);
    }

    /** The connections' lifetime timer belongs to the module, which stops it when the server stops. */
    @Test
    void stoppingTheServerStopsTheConnectionTimers() throws Exception {
        long others = lifetimeTimers(); // the other servers of this class may hold theirs
        TestServer server = TestServer.start();
        long with;
        try {
            WsClient.open(URI.create("ws://localhost:" + server.port() + "/_aws/execute-api/" + api(server) + "/prod"), Map.of());
            with = awaitTimers(n -> n > others);
        } finally {
            server.close();
        }
        long after = awaitTimers(n -> n <= others);
        assertEquals(true, with > others && after <= others, "timer threads: others " + others + ", with the server " + with + ", after " + after);
    }

    /** The count of timer threads once it satisfies {@code wanted} (or after 10 s, as it is then). */
    private static long awaitTimers(java.util.function.LongPredicate wanted) throws InterruptedException {
        long n = lifetimeTimers();
        for (int i = 0; i < 200 && !wanted.test(n); i++) {
            Thread.sleep(50);
            n = lifetimeTimers();
        }
        return n;
    }

    private static long lifetimeTimers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("apigwv2-ws-lifetime")).count();
    }
}
