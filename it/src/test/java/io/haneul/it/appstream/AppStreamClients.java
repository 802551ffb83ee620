package io.haneul.it.appstream;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appstream.AppStreamClient;
import software.amazon.awssdk.services.appstream.model.ComputeCapacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** SDK v2 AppStream clients against a test server and the error assertion the AppStream tests share. */
final class AppStreamClients {

    static final String ACCOUNT = "111111111111";
    static final String OTHER = "222222222222";

    private AppStreamClients() {
    }

    static AppStreamClient client(TestServer server, String account) {
        return AppStreamClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret"))).build();
    }

    static AwsServiceException expectError(String code, String messagePart, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
            // the model gives ResourceNotFoundException 404 and every other AppStream error 400
            assertEquals(code.equals("ResourceNotFoundException") ? 404 : 400, e.statusCode(), e.getMessage());
            if (messagePart != null) {
                assertTrue(e.awsErrorDetails().errorMessage().contains(messagePart), e.awsErrorDetails().errorMessage());
            }
            return e;
        }
        fail("expected " + code);
        return null;
    }

    static ComputeCapacity instances(int n) {
        return ComputeCapacity.builder().desiredInstances(n).build();
    }
}
