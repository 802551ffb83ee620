package io.haneul.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.sns.SnsTesting.Queue;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;

import static io.haneul.it.sns.SnsTesting.ACCOUNT_A;
import static io.haneul.it.sns.SnsTesting.eventually;
import static io.haneul.it.sns.SnsTesting.fails;
import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.name;
import static io.haneul.it.sns.SnsTesting.receive;
import static io.haneul.it.sns.SnsTesting.verifiedByAws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/S subscriptions: confirmation, notifications and their headers, retries, dead letters, the target rule.
 * The endpoints listen on 127.0.0.1, which SNS reaches only when {@code --sns-http-allow} allows loopback.
 */
class SnsHttpDeliveryIT {

    static TestServer server;
    static SnsClient sns;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs", "--sns-http-allow", "loopback");
        sns = SnsTesting.sns(server, ACCOUNT_A);
        sqs = SnsTesting.sqs(server, ACCOUNT_A);
    }

    @AfterAll
    static void stop() throws Exception {
        sns.close();
        sqs.close();
        server.close();
    }

    private static String topic() {
        return sns.createTopic(r -> r.name(name("http"))).topicArn();
    }

    /** Subscribes an auto-confirming endpoint and waits until the subscription is confirmed; returns its ARN. */
    private static String confirmed(String topicArn, HttpEndpoint endpoint, String path, Map<String, String> attrs) throws Exception {
        endpoint.autoConfirm();
        String arn = sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint.url(path)).attributes(attrs)
                .returnSubscriptionArn(true)).subscriptionArn();
        endpoint.next("SubscriptionConfirmation", 10);
        eventually(10, "confirmed", () -> "false".equals(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes()
                .get("PendingConfirmation")));
        return arn;
    }

    @Test
    void confirmationNotificationsAndUnsubscribe() throws Exception {
        String topicArn = topic();
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            assertEquals("pending confirmation", sns.subscribe(r -> r.topicArn(topicArn).protocol("http")
                    .endpoint(endpoint.url("/hook"))).subscriptionArn());
            HttpEndpoint.Received c = endpoint.next(10);
            assertEquals("POST", c.method());
            assertEquals("/hook", c.path());
            assertEquals("SubscriptionConfirmation", c.header("x-amz-sns-message-type"));
            assertEquals(topicArn, c.header("x-amz-sns-topic-arn"));
            assertEquals("text/plain; charset=UTF-8", c.header("content-type"));
            JsonNode body = json(c.body());
            assertEquals(List.of("Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp", "SignatureVersion",
                    "Signature", "SigningCertURL"), fields(body));
            assertEquals(c.header("x-amz-sns-message-id"), body.get("MessageId").asText());
            assertTrue(verifiedByAws(c.body()));
            assertEquals("PendingConfirmation", sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().getFirst()
                    .subscriptionArn());
            var confirm = SnsTesting.get(body.get("SubscribeURL").asText());
            assertEquals(200, confirm.statusCode(), confirm.body());
            assertTrue(confirm.body().contains("<SubscriptionArn>" + topicArn + ":"), confirm.body());
            String subArn = sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().getFirst().subscriptionArn();
            assertTrue(subArn.startsWith(topicArn + ":"));

            String id = sns.publish(r -> r.topicArn(topicArn).message("over http").subject("S")
                    .messageAttributes(Map.of("k", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))).messageId();
            HttpEndpoint.Received n = endpoint.next(10);
            assertEquals("Notification", n.header("x-amz-sns-message-type"));
            assertEquals(id, n.header("x-amz-sns-message-id"));
            assertEquals(topicArn, n.header("x-amz-sns-topic-arn"));
            assertEquals(subArn, n.header("x-amz-sns-subscription-arn"));
            assertEquals("Amazon Simple Notification Service Agent", n.header("user-agent"));
            JsonNode nb = json(n.body());
            assertEquals("over http", nb.get("Message").asText());
            assertEquals("v", nb.at("/MessageAttributes/k/Value").asText());
            assertTrue(nb.get("UnsubscribeURL").asText().contains("SubscriptionArn="));
            assertTrue(verifiedByAws(n.body()));

            sns.setSubscriptionAttributes(r -> r.subscriptionArn(subArn).attributeName("RawMessageDelivery").attributeValue("true"));
            sns.setSubscriptionAttributes(r -> r.subscriptionArn(subArn).attributeName("DeliveryPolicy")
                    .attributeValue("{\"requestPolicy\":{\"headerContentType\":\"application/json\"}}"));
            sns.publish(r -> r.topicArn(topicArn).message("{\"raw\":true}"));
            HttpEndpoint.Received raw = endpoint.next(10);
            assertEquals("{\"raw\":true}", raw.body());
            assertEquals("true", raw.header("x-amz-sns-rawdelivery"));
            assertEquals("application/json", raw.header("content-type"));
            JsonNode effective = json(sns.getSubscriptionAttributes(r -> r.subscriptionArn(subArn)).attributes().get("EffectiveDeliveryPolicy"));
            assertEquals("application/json", effective.at("/requestPolicy/headerContentType").asText());
            assertEquals(3, effective.at("/healthyRetryPolicy/numRetries").asInt());

            sns.unsubscribe(r -> r.subscriptionArn(subArn));
            HttpEndpoint.Received bye = endpoint.next(10);
            assertEquals("UnsubscribeConfirmation", bye.header("x-amz-sns-message-type"));
            assertTrue(verifiedByAws(bye.body()));
        }
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void tokensAndAuthenticatedUnsubscribe() throws Exception {
        String topicArn = topic();
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            String arn = sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint.url("/t")).returnSubscriptionArn(true))
                    .subscriptionArn();
            assertTrue(arn.startsWith(topicArn + ":"));
            assertEquals("true", sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes().get("PendingConfirmation"));
            JsonNode c = json(endpoint.next(10).body());
            fails("InvalidParameter", 400, () -> sns.confirmSubscription(r -> r.topicArn(topicArn).token("nope")));
            assertEquals(arn, sns.confirmSubscription(r -> r.topicArn(topicArn).token(c.get("Token").asText())
                    .authenticateOnUnsubscribe("true")).subscriptionArn());
            Map<String, String> attrs = sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes();
            assertEquals("false", attrs.get("PendingConfirmation"));
            assertEquals("true", attrs.get("ConfirmationWasAuthenticated"));
            sns.publish(r -> r.topicArn(topicArn).message("m"));
            JsonNode n = json(endpoint.next("Notification", 10).body());
            var unsigned = SnsTesting.get(n.get("UnsubscribeURL").asText());
            assertEquals(403, unsigned.statusCode(), unsigned.body());
            assertTrue(unsigned.body().contains("AuthorizationError"));
            sns.unsubscribe(r -> r.subscriptionArn(arn));
            fails("NotFound", 404, () -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)));
        }
    }

    @Test
    void retriesFollowTheDeliveryPolicy() throws Exception {
        String topicArn = topic();
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            confirmed(topicArn, endpoint, "/retry", Map.of("DeliveryPolicy",
                    "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":3}}"));
            endpoint.respond(500, 503);
            String id = sns.publish(r -> r.topicArn(topicArn).message("try again")).messageId();
            long t0 = System.nanoTime();
            HttpEndpoint.Received first = endpoint.next(10);
            HttpEndpoint.Received second = endpoint.next(10);
            HttpEndpoint.Received third = endpoint.next(10);
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            for (HttpEndpoint.Received r : List.of(first, second, third)) {
                assertEquals(id, r.header("x-amz-sns-message-id"), "the message id stays the same on retries");
            }
            assertTrue(elapsedMs >= 1500, "two retries one second apart took " + elapsedMs + " ms");
            endpoint.assertQuiet(1500);
        }
    }

    @Test
    void refusedAndExhaustedDeliveriesAreDeadLettered() throws Exception {
        String topicArn = topic();
        Queue dlq = SnsTesting.queue(sqs, name("http-dlq"));
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            String sub = confirmed(topicArn, endpoint, "/dlq", Map.of(
                    "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}",
                    "DeliveryPolicy", "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":1}}"));
            endpoint.defaultStatus(404);
            sns.publish(r -> r.topicArn(topicArn).message("not found"));
            endpoint.next("Notification", 10);
            Message dead = receive(sqs, dlq, 1, 10).getFirst();
            assertEquals("not found", json(dead.body()).get("Message").asText());
            assertTrue(dead.messageAttributes().isEmpty(), () -> "SNS adds no attributes of its own to dead letters: " + dead.messageAttributes());
            endpoint.assertQuiet(1500);

            endpoint.defaultStatus(500);
            sns.publish(r -> r.topicArn(topicArn).message("server error"));
            endpoint.next("Notification", 10);
            endpoint.next("Notification", 10);
            Message exhausted = receive(sqs, dlq, 1, 10).getFirst();
            assertEquals("server error", json(exhausted.body()).get("Message").asText());
            assertTrue(exhausted.messageAttributes().isEmpty(), () -> "SNS adds no attributes of its own to dead letters: " + exhausted.messageAttributes());
            assertTrue(sub.startsWith(topicArn));
        }
    }

    @Test
    void publishDoesNotWaitForSlowEndpoints() throws Exception {
        String topicArn = topic();
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            confirmed(topicArn, endpoint, "/slow", Map.of());
            endpoint.delay(1500);
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                sns.publish(r -> r.topicArn(topicArn).message("slow"));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 1200, "5 publishes to an endpoint answering after 1.5 s took " + ms + " ms");
            for (int i = 0; i < 5; i++) {
                endpoint.next("Notification", 15);
            }
        }
    }

    @Test
    void deniedTargetsAreRefused() throws Exception {
        try (TestServer strict = TestServer.start("--services", "sns,sqs", "--sns-http-allow", "10.0.0.0/8,192.168.0.0/16");
             TestServer pattern = TestServer.start("--services", "sns,sqs", "--sns-http-allow", "http://localhost:\\d+/allowed(/.*)?");
             SnsClient s1 = SnsTesting.sns(strict, ACCOUNT_A); SnsClient s2 = SnsTesting.sns(pattern, ACCOUNT_A);
             HttpEndpoint endpoint = new HttpEndpoint()) {
            String t1 = s1.createTopic(r -> r.name("denied")).topicArn();
            var e = fails("InvalidParameter", 400, () -> s1.subscribe(r -> r.topicArn(t1).protocol("http").endpoint(endpoint.url("/x"))));
            assertTrue(e.awsErrorDetails().errorMessage().contains("--sns-http-allow"), e.getMessage());
            String t2 = s2.createTopic(r -> r.name("pattern")).topicArn();
            fails("InvalidParameter", 400, () -> s2.subscribe(r -> r.topicArn(t2).protocol("http").endpoint(endpoint.url("localhost", "/other"))));
            fails("InvalidParameter", 400, () -> s2.subscribe(r -> r.topicArn(t2).protocol("https").endpoint(endpoint.url("localhost", "/allowed"))));
            s2.subscribe(r -> r.topicArn(t2).protocol("http").endpoint(endpoint.url("localhost", "/allowed/hook")));
            endpoint.assertQuiet(1500); // the URL matches, but a pattern allows public addresses only and localhost is loopback
        }
    }
}
