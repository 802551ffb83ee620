package io.haneul.it.apigatewayv2;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/** SDK v2 clients for the API Gateway v2 tests. */
final class V2Clients {

    static final String ACCOUNT = "123456789012";

    private V2Clients() {
    }

    static ApiGatewayV2Client client(TestServer server) {
        return client(server, ACCOUNT);
    }

    static ApiGatewayV2Client client(TestServer server, String account) {
        return ApiGatewayV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret"))).build();
    }
}
