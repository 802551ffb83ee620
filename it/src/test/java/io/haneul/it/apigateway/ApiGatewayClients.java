package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/** SDK v2 clients and small helpers shared by the API Gateway tests. */
final class ApiGatewayClients {

    static final String ACCOUNT = "123456789012";

    private ApiGatewayClients() {
    }

    static ApiGatewayClient client(TestServer server) {
        return ApiGatewayClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
    }

    static PatchOperation op(String op, String path, String value) {
        return PatchOperation.builder().op(op).path(path).value(value).build();
    }
}
