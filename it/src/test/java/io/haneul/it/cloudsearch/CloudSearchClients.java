package io.haneul.it.cloudsearch;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;

/** SDK v2 clients shared by the CloudSearch tests. */
final class CloudSearchClients {

    static final String ACCOUNT = "123456789012";

    private CloudSearchClients() {
    }

    static CloudSearchClient client(TestServer server) {
        return client(server, ACCOUNT);
    }

    static CloudSearchClient client(TestServer server, String account) {
        return CloudSearchClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret"))).build();
    }
}
