package io.haneul.it.sns;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static io.haneul.it.sns.SnsTesting.ACCOUNT_A;
import static io.haneul.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What survives a restart: the signing key and certificate, subscriptions, and pending HTTP retries. */
class SnsRestartIT {

    @Test
    void signingKeyAndPendingDeliveriesSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory("haneul-sns-restart");
        String certBefore;
        String messageId;
        String topicArn;
        try (HttpEndpoint endpoint = new HttpEndpoint().autoConfirm()) {
            try (TestServer first = TestServer.startIn(dir, Clock.systemUTC(), "--services", "sns,sqs", "--sns-http-allow", "loopback");
                 SnsClient sns = SnsTesting.sns(first, ACCOUNT_A)) {
                topicArn = sns.createTopic(r -> r.name("durable")).topicArn();
                String t = topicArn;
                String sub = sns.subscribe(r -> r.topicArn(t).protocol("http").endpoint(endpoint.url("/durable")).returnSubscriptionArn(true)
                        .attributes(Map.of("DeliveryPolicy", "{\"healthyRetryPolicy\":{\"minDelayTarget\":2,\"maxDelayTarget\":2,\"numRetries\":5}}")))
                        .subscriptionArn();
                String confirmation = endpoint.next("SubscriptionConfirmation", 10).body();
                certBefore = SnsTesting.get(json(confirmation).get("SigningCertURL").asText()).body();
                SnsTesting.eventually(10, "confirmed", () -> "false".equals(sns.getSubscriptionAttributes(r -> r.subscriptionArn(sub))
                        .attributes().get("PendingConfirmation")));
                endpoint.defaultStatus(500);
                messageId = sns.publish(r -> r.topicArn(t).message("survives")).messageId();
                assertEquals(messageId, endpoint.next("Notification", 10).header("x-amz-sns-message-id"));
            }
            endpoint.defaultStatus(200);
            try (TestServer second = TestServer.startIn(dir, Clock.systemUTC(), "--services", "sns,sqs", "--sns-http-allow", "loopback")) {
                HttpEndpoint.Received retried = endpoint.next("Notification", 20);
                assertEquals(messageId, retried.header("x-amz-sns-message-id"), "the retry left pending runs on the restarted server");
                // the retry's URLs name the first server's port (the message was published there)
                String certUrl = json(retried.body()).get("SigningCertURL").asText();
                String path = certUrl.substring(certUrl.indexOf("/_haneul/"));
                assertEquals(certBefore, SnsTesting.get(second.endpoint() + path).body(), "the same certificate after a restart");
                assertTrue(SnsTesting.verifiedByAws(retried.body(), SnsTesting.certificate(second.endpoint() + path).getPublicKey()));
                try (SnsClient sns = SnsTesting.sns(second, ACCOUNT_A)) {
                    sns.publish(r -> r.topicArn(topicArn).message("after restart"));
                    assertEquals("after restart", json(endpoint.next("Notification", 10).body()).get("Message").asText());
                }
            }
        }
    }
}
