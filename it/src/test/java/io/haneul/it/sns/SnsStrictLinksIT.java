package io.haneul.it.sns;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.haneul.it.sns.SnsTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * In strict mode the links SNS hands out still work unsigned, as on AWS (the token or subscription
 * ARN is the credential), while any other unsigned SNS call is refused: the module's waiver
 * ({@code SubscriptionLinks}) is exactly that narrow. The UnsubscribeURL removes only subscriptions
 * whose confirmation was not authenticated; queue subscriptions and those confirmed by a signed call
 * with AuthenticateOnUnsubscribe=true need a signed Unsubscribe by their owner or the topic's.
 */
class SnsStrictLinksIT {

    private static final String KEY = "AKIAHANEULSNSLINK001";

    @TempDir
    Path dir;

    private TestServer strictServer() throws Exception {
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, KEY + " secret 111122223333\n");
        return TestServer.start("--auth", "strict", "--credentials", creds.toString(), "--services", "sns,sqs",
                "--sns-http-allow", "loopback");
    }

    @Test
    void onlyTheLinksWorkUnsignedAndAQueueSubscriptionNeedsASignatureToGo() throws Exception {
        try (TestServer server = strictServer(); SnsClient sns = sns(server, KEY); SqsClient sqs = sqs(server, KEY)) {
            String topicArn = sns.createTopic(r -> r.name(name("strict-links"))).topicArn();
            Queue q = queue(sqs, name("strict-links"));
            String subArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(q.arn())).subscriptionArn();
            sns.publish(r -> r.topicArn(topicArn).message("hello"));
            String body = receive(sqs, q, 1, 10).getFirst().body();
            String unsubscribe = json(body).get("UnsubscribeURL").asText();

            var listUnsigned = get(server.endpoint() + "/?Action=ListSubscriptionsByTopic&Version=2010-03-31&TopicArn=" + topicArn);
            assertEquals(403, listUnsigned.statusCode(), listUnsigned.body());
            var publishUnsigned = get(server.endpoint() + "/?Action=Publish&Version=2010-03-31&Message=x&TopicArn=" + topicArn);
            assertEquals(403, publishUnsigned.statusCode(), "a GET that is not a link is still signed: " + publishUnsigned.body());
            var forgedConfirm = get(server.endpoint() + "/?Action=ConfirmSubscription&Version=2010-03-31&TopicArn=" + topicArn);
            assertEquals(403, forgedConfirm.statusCode(), "a confirmation without its token is no link: " + forgedConfirm.body());

            var link = get(unsubscribe);
            assertEquals(403, link.statusCode(), link.body());
            assertTrue(link.body().contains("AuthorizationError"), link.body());
            assertEquals("true", sns.getSubscriptionAttributes(r -> r.subscriptionArn(subArn)).attributes().get("ConfirmationWasAuthenticated"));
            sns.unsubscribe(r -> r.subscriptionArn(subArn));
            fails("NotFound", 404, () -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(subArn)));
        }
    }

    @Test
    void theUnsubscribeLinkRemovesOnlyWhatWasConfirmedWithoutAuthentication() throws Exception {
        try (TestServer server = strictServer(); SnsClient sns = sns(server, KEY); HttpEndpoint endpoint = new HttpEndpoint()) {
            String topicArn = sns.createTopic(r -> r.name(name("strict-http"))).topicArn();

            String open = sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint.url("/open"))
                    .returnSubscriptionArn(true)).subscriptionArn();
            var confirmedByLink = get(json(endpoint.next("SubscriptionConfirmation", 10).body()).get("SubscribeURL").asText());
            assertEquals(200, confirmedByLink.statusCode(), confirmedByLink.body());
            assertEquals("false", sns.getSubscriptionAttributes(r -> r.subscriptionArn(open)).attributes().get("ConfirmationWasAuthenticated"));

            String guarded = sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint.url("/guarded"))
                    .returnSubscriptionArn(true)).subscriptionArn();
            String token = json(endpoint.next("SubscriptionConfirmation", 10).body()).get("Token").asText();
            sns.confirmSubscription(r -> r.topicArn(topicArn).token(token).authenticateOnUnsubscribe("true"));
            assertEquals("true", sns.getSubscriptionAttributes(r -> r.subscriptionArn(guarded)).attributes().get("ConfirmationWasAuthenticated"));

            sns.publish(r -> r.topicArn(topicArn).message("links"));
            Map<String, String> links = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                HttpEndpoint.Received n = endpoint.next("Notification", 10);
                links.put(n.path(), json(n.body()).get("UnsubscribeURL").asText());
            }

            var refused = get(links.get("/guarded"));
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("AuthorizationError"), refused.body());
            assertEquals("false", sns.getSubscriptionAttributes(r -> r.subscriptionArn(guarded)).attributes().get("PendingConfirmation"),
                    "the subscription remains");

            var removed = get(links.get("/open"));
            assertEquals(200, removed.statusCode(), removed.body());
            fails("NotFound", 404, () -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(open)));

            sns.unsubscribe(r -> r.subscriptionArn(guarded));
            fails("NotFound", 404, () -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(guarded)));
        }
    }
}
