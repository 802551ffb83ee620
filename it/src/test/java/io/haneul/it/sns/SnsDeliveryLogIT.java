package io.haneul.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.sns.SnsTesting.Queue;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.haneul.it.sns.SnsTesting.ACCOUNT_A;
import static io.haneul.it.sns.SnsTesting.eventually;
import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery log ({@code GET /_haneul/sns/deliveries}): one entry per attempt with its outcome, status
 * code and retry, per topic and per subscription, newest first.
 */
class SnsDeliveryLogIT {

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

    private static JsonNode deliveries(String query) {
        HttpResponse<String> r = SnsTesting.get(server.endpoint() + "/_haneul/sns/deliveries?" + query);
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).get("deliveries");
    }

    private static String q(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String confirmedHttp(String topicArn, HttpEndpoint endpoint, String path) throws Exception {
        endpoint.autoConfirm();
        String arn = sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint.url(path))
                .attributes(Map.of("DeliveryPolicy", "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":1}}"))
                .returnSubscriptionArn(true)).subscriptionArn();
        endpoint.next("SubscriptionConfirmation", 10);
        eventually(10, "confirmed", () -> "false".equals(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes()
                .get("PendingConfirmation")));
        return arn;
    }

    @Test
    void everyAttemptIsLoggedWithItsOutcomeStatusAndRetry() throws Exception {
        String topicArn = sns.createTopic(r -> r.name(name("log"))).topicArn();
        Queue queue = SnsTesting.queue(sqs, name("log-q"));
        String queueSub = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()).returnSubscriptionArn(true))
                .subscriptionArn();
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            String httpSub = confirmedHttp(topicArn, endpoint, "/flaky");
            endpoint.respond(503);
            String id = sns.publish(r -> r.topicArn(topicArn).message("hello")).messageId();
            endpoint.next("Notification", 10);
            endpoint.next("Notification", 10);
            eventually(10, "the retry is logged", () -> deliveries(q("subscriptionArn", httpSub)).size() == 2);

            JsonNode http = deliveries(q("subscriptionArn", httpSub));
            JsonNode second = http.get(0), first = http.get(1);
            assertEquals(2, second.get("attempt").asInt(), "newest first: " + http);
            assertEquals("DELIVERED", second.get("outcome").asText());
            assertEquals(200, second.get("statusCode").asInt());
            assertEquals(1, first.get("attempt").asInt());
            assertEquals("RETRYING", first.get("outcome").asText());
            assertEquals(503, first.get("statusCode").asInt());
            assertEquals("HTTP 503", first.get("detail").asText());
            assertFalse(first.path("retryAt").asText().isEmpty(), "a retry says when: " + first);
            for (JsonNode d : http) {
                assertEquals(id, d.get("messageId").asText());
                assertEquals(topicArn, d.get("topicArn").asText());
                assertEquals("http", d.get("protocol").asText());
                assertEquals(endpoint.url("/flaky"), d.get("endpoint").asText());
                assertEquals(ACCOUNT_A, d.get("accountId").asText());
            }

            JsonNode toQueue = deliveries(q("subscriptionArn", queueSub));
            assertEquals(1, toQueue.size(), toQueue.toString());
            assertEquals("DELIVERED", toQueue.get(0).get("outcome").asText());
            assertEquals("sqs", toQueue.get(0).get("protocol").asText());
            assertFalse(toQueue.get(0).has("statusCode"), "a queue has no HTTP status: " + toQueue);

            assertEquals(3, deliveries(q("topicArn", topicArn)).size(), "the topic's log holds every subscription's attempts");
            assertEquals(1, deliveries(q("topicArn", topicArn) + "&limit=1").size());
        }
    }

    @Test
    void aRefusedDeliverySaysWhatBecameOfTheMessage() throws Exception {
        String topicArn = sns.createTopic(r -> r.name(name("refused"))).topicArn();
        Queue dlq = SnsTesting.queue(sqs, name("log-dlq"));
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            String httpSub = confirmedHttp(topicArn, endpoint, "/gone");
            endpoint.defaultStatus(404);
            sns.publish(r -> r.topicArn(topicArn).message("nobody home"));
            eventually(10, "logged", () -> deliveries(q("subscriptionArn", httpSub)).size() == 1);
            JsonNode dropped = deliveries(q("subscriptionArn", httpSub)).get(0);
            assertEquals("REFUSED", dropped.get("outcome").asText());
            assertEquals(404, dropped.get("statusCode").asInt());
            assertEquals("HTTP 404; dropped: the subscription has no RedrivePolicy", dropped.get("detail").asText());

            sns.setSubscriptionAttributes(r -> r.subscriptionArn(httpSub).attributeName("RedrivePolicy")
                    .attributeValue("{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
            sns.publish(r -> r.topicArn(topicArn).message("to the dead letters"));
            eventually(10, "logged", () -> deliveries(q("subscriptionArn", httpSub)).size() == 2);
            assertEquals("HTTP 404; moved to dead-letter queue " + dlq.arn(),
                    deliveries(q("subscriptionArn", httpSub)).get(0).get("detail").asText());
        }
    }

    @Test
    void anotherAccountsDeliveriesAreNotListed() throws Exception {
        String topicArn = sns.createTopic(r -> r.name(name("mine"))).topicArn();
        Queue queue = SnsTesting.queue(sqs, name("mine-q"));
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()));
        sns.publish(r -> r.topicArn(topicArn).message("private"));
        eventually(10, "logged", () -> deliveries(q("topicArn", topicArn)).size() == 1);
        assertEquals(0, deliveries(q("topicArn", topicArn) + "&account=" + SnsTesting.ACCOUNT_B).size());
        List<String> accounts = new ArrayList<>();
        deliveries(q("account", ACCOUNT_A)).forEach(d -> accounts.add(d.get("accountId").asText()));
        assertTrue(accounts.stream().allMatch(ACCOUNT_A::equals), accounts.toString());
    }
}
