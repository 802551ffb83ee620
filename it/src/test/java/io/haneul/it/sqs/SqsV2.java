package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers of the SDK v2 SQS tests. */
final class SqsV2 {

    static final String ACCOUNT_A = "111111111111";
    static final String ACCOUNT_B = "222222222222";

    private SqsV2() {
    }

    static SqsClient client(TestServer server, String accessKey) {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(400)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)).socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String create(SqsClient sqs, String name, Map<QueueAttributeName, String> attrs) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attrs)).queueUrl();
    }

    static String create(SqsClient sqs, String name) {
        return create(sqs, name, Map.of());
    }

    static Map<String, String> attrs(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }

    static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings().get("QueueArn");
    }

    /** Asserts the call fails with the given legacy (query) error code and HTTP status; returns the exception. */
    static AwsServiceException fails(String code, int status, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(code, e.awsErrorDetails().errorCode(), () -> "error code of " + e);
            assertEquals(status, e.statusCode(), () -> "status of " + e);
            return e;
        }
        return fail("expected " + code);
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code seconds} pass. */
    static void eventually(int seconds, String what, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("not within " + seconds + " s: " + what);
    }
}
