package io.haneul.it.sns;

import io.haneul.it.sns.SnsTesting.Queue;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.haneul.it.sns.SnsTesting.ACCOUNT_A;
import static io.haneul.it.sns.SnsTesting.eventually;
import static io.haneul.it.sns.SnsTesting.fails;
import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where HTTP/S subscriptions may deliver ({@code --sns-http-allow}): by default nowhere but public
 * addresses, so that no account can make Haneul POST to itself, to cloud metadata or to its network;
 * literal addresses are refused at Subscribe, names when connecting (every connection, after resolution).
 */
class SnsHttpTargetsIT {

    @TempDir
    Path dir;

    @Test
    void byDefaultSubscribeRefusesLoopbackLinkLocalAndPrivateAddresses() throws Exception {
        try (TestServer server = TestServer.start("--services", "sns,sqs"); SnsClient sns = SnsTesting.sns(server, ACCOUNT_A);
             HttpEndpoint endpoint = new HttpEndpoint().autoConfirm()) {
            String topicArn = sns.createTopic(r -> r.name("targets")).topicArn();
            int port = server.port();
            for (String url : List.of(endpoint.url("/hook"), "http://127.1.2.3:" + port + "/", "http://[::1]:" + port + "/",
                    "http://[::ffff:127.0.0.1]:" + port + "/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
                    "http://10.0.0.1/", "http://192.168.1.1/", "http://0.0.0.0:" + port + "/", "http://127.0.0.1:" + port
                            + "/_haneul/sns/outbox")) {
                var e = fails("InvalidParameter", 400, () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(url)));
                assertTrue(e.awsErrorDetails().errorMessage().contains("--sns-http-allow"), e.getMessage());
            }
            endpoint.assertQuiet(500);
        }
    }

    @Test
    void byDefaultANameResolvingToLoopbackIsRefusedWhenConnecting() throws Exception {
        try (TestServer server = TestServer.start("--services", "sns,sqs"); SnsClient sns = SnsTesting.sns(server, ACCOUNT_A);
             HttpEndpoint endpoint = new HttpEndpoint().autoConfirm()) {
            String topicArn = sns.createTopic(r -> r.name("names")).topicArn();
            String arn = sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint.url("localhost", "/hook"))
                    .returnSubscriptionArn(true)).subscriptionArn();
            endpoint.assertQuiet(2000); // the SubscriptionConfirmation is never sent
            assertEquals("true", sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes().get("PendingConfirmation"));
        }
    }

    @Test
    void deliveriesAreJudgedWhenTheyHappen() throws Exception {
        String topicArn;
        Queue dlq;
        try (HttpEndpoint endpoint = new HttpEndpoint().autoConfirm()) {
            try (TestServer allowing = TestServer.startIn(dir, Clock.systemUTC(), "--services", "sns,sqs", "--sns-http-allow", "loopback");
                 SnsClient sns = SnsTesting.sns(allowing, ACCOUNT_A); SqsClient sqs = SnsTesting.sqs(allowing, ACCOUNT_A)) {
                topicArn = sns.createTopic(r -> r.name("judged")).topicArn();
                dlq = SnsTesting.queue(sqs, "judged-dlq");
                String redrive = "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}";
                for (String host : List.of("127.0.0.1", "localhost")) {
                    String t = topicArn;
                    String arn = sns.subscribe(r -> r.topicArn(t).protocol("http").endpoint(endpoint.url(host, "/" + host))
                            .attributes(Map.of("RedrivePolicy", redrive)).returnSubscriptionArn(true)).subscriptionArn();
                    endpoint.next("SubscriptionConfirmation", 10);
                    eventually(10, "confirmed", () -> "false".equals(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn))
                            .attributes().get("PendingConfirmation")));
                }
                String t = topicArn;
                sns.publish(r -> r.topicArn(t).message("allowed"));
                endpoint.next("Notification", 10);
                endpoint.next("Notification", 10);
            }
            try (TestServer byDefault = TestServer.startIn(dir, Clock.systemUTC(), "--services", "sns,sqs");
                 SnsClient sns = SnsTesting.sns(byDefault, ACCOUNT_A); SqsClient sqs = SnsTesting.sqs(byDefault, ACCOUNT_A)) {
                String t = topicArn;
                sns.publish(r -> r.topicArn(t).message("refused"));
                List<Message> dead = receive(sqs, dlq, 2, 10);
                for (Message m : dead) {
                    assertTrue(m.messageAttributes().isEmpty(), () -> "SNS adds no attributes of its own to dead letters: " + m.messageAttributes());
                    assertEquals("refused", json(m.body()).get("Message").asText());
                }
                endpoint.assertQuiet(1000);
            }
        }
    }

    @Test
    void whatANonHttpServiceAnswersNeverReachesTheSubscriber() throws Exception {
        try (TestServer server = TestServer.start("--services", "sns,sqs", "--sns-http-allow", "127.0.0.0/8,::1/128");
             SnsClient sns = SnsTesting.sns(server, ACCOUNT_A); SqsClient sqs = SnsTesting.sqs(server, ACCOUNT_A);
             BannerServer banner = new BannerServer()) {
            String topicArn = sns.createTopic(r -> r.name("banner")).topicArn();
            Queue dlq = SnsTesting.queue(sqs, "banner-dlq");
            sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(banner.url("/hook")).attributes(Map.of(
                    "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}",
                    "DeliveryPolicy", "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":0}}")));
            var confirm = SnsTesting.get(json(banner.nextConfirmation(10)).get("SubscribeURL").asText());
            assertEquals(200, confirm.statusCode(), confirm.body());
            sns.publish(r -> r.topicArn(topicArn).message("to a non-HTTP service"));
            Message dead = receive(sqs, dlq, 1, 20).getFirst();
            // nothing the service answered reaches the dead letter: no attributes of SNS's own, the body is the message
            assertTrue(dead.messageAttributes().isEmpty(), () -> "no attributes of SNS's own: " + dead.messageAttributes());
            assertFalse(dead.body().contains("secret-banner") || dead.body().contains("SSH"), dead.body());
            assertEquals("to a non-HTTP service", json(dead.body()).get("Message").asText());
        }
    }
}
