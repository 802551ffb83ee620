package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Queue URLs use the configured public URL instead of the host the client used. */
class SqsPublicUrlIT {

    @Test
    void queueUrlsUseTheConfiguredPublicUrl() throws Exception {
        try (TestServer server = TestServer.start("--sqs-public-url", "https://queues.example.test/");
             SqsClient sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "s")))
                     .build()) {
            String url = sqs.createQueue(b -> b.queueName("public")).queueUrl();
            assertEquals("https://queues.example.test/123456789012/public", url);
            // the URL still addresses the queue when sent to the server itself
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("hi"));
            assertEquals("hi", sqs.receiveMessage(b -> b.queueUrl(url)).messages().getFirst().body());
            assertEquals(url, sqs.getQueueUrl(b -> b.queueName("public")).queueUrl());
        }
    }
}
