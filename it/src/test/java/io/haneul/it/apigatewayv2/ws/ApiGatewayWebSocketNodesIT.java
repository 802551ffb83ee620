package io.haneul.it.apigatewayv2.ws;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two Haneul nodes on one PostgreSQL database: a client connected to node A is reached by
 * {@code @connections} calls made to node B (GetConnection from the shared record, PostToConnection
 * and DeleteConnection relayed through the store and its notifier), and is gone for both after.
 */
class ApiGatewayWebSocketNodesIT {

    static TestServer a;
    static TestServer b;
    static String api;

    @BeforeAll
    static void start() {
        String db = SharedPostgres.newDatabase("haneul_apigwws_");
        a = TestServer.start("--storage", db);
        b = TestServer.start("--storage", db);
        try (ApiGatewayV2Client v2 = ApiGatewayV2Client.builder().endpointOverride(a.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build()) {
            api = v2.createApi(x -> x.name("nodes").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
            String mock = v2.createIntegration(x -> x.apiId(api).integrationType(IntegrationType.MOCK)
                    .requestTemplates(Map.of("$default", "{\"statusCode\": 200}"))).integrationId();
            v2.createIntegrationResponse(x -> x.apiId(api).integrationId(mock).integrationResponseKey("$default")
                    .responseTemplates(Map.of("$default", "{\"connectionId\": \"$context.connectionId\"}")));
            String route = v2.createRoute(x -> x.apiId(api).routeKey("$default").target("integrations/" + mock)
                    .routeResponseSelectionExpression("$default")).routeId();
            v2.createRouteResponse(x -> x.apiId(api).routeId(route).routeResponseKey("$default"));
            v2.createStage(x -> x.apiId(api).stageName("prod").autoDeploy(true));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiGatewayWebSocketIT.ACCOUNT, "secret"));
    }

    @Test
    void callsToAnotherNodeReachTheConnection() throws Exception {
        WsClient client = WsClient.open(URI.create("ws://localhost:" + a.port() + "/_aws/execute-api/" + api + "/prod"), Map.of());
        String id = connectionIdOf(client);
        try (ApiGatewayManagementApiClient viaB = ApiGatewayManagementApiClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .endpointOverride(URI.create(b.endpoint() + "/_aws/execute-api/" + api + "/prod")).build()) {
            assertEquals("127.0.0.1", viaB.getConnection(x -> x.connectionId(id)).identity().sourceIp());
            viaB.postToConnection(x -> x.connectionId(id).data(SdkBytes.fromUtf8String("from node B")));
            assertEquals("from node B", client.next());
            viaB.deleteConnection(x -> x.connectionId(id));
            assertEquals(1000, client.closeCode());
            assertThrows(GoneException.class, () -> viaB.getConnection(x -> x.connectionId(id)));
        }
    }

    /** The connection id, as the two-way MOCK route answers it. */
    private static String connectionIdOf(WsClient client) throws Exception {
        client.send("{\"action\":\"whoami\"}");
        return ApiGatewayWebSocketIT.JSON.readTree(client.next()).path("connectionId").asText();
    }
}
