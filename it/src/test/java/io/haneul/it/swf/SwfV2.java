package io.haneul.it.swf;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers of the SDK v2 SWF tests. */
final class SwfV2 {

    static final String ACCOUNT_A = "111111111111";
    static final String ACCOUNT_B = "222222222222";

    private SwfV2() {
    }

    /** A client whose socket outlives a long poll, as SWF's own clients are configured. */
    static SwfClient client(TestServer server, String accessKey) {
        return SwfClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(100)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)).socketTimeout(Duration.ofSeconds(70)))
                .build();
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Asserts the call fails with the error code (the fault's shape name) and status 400; returns the exception. */
    static AwsServiceException fails(String code, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
            assertEquals(400, e.statusCode());
            return e;
        }
        return fail("expected " + code);
    }
}
