package io.haneul.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

import static io.haneul.it.sns.SnsTesting.ACCOUNT_A;
import static io.haneul.it.sns.SnsTesting.ACCOUNT_B;
import static io.haneul.it.sns.SnsTesting.assertEmpty;
import static io.haneul.it.sns.SnsTesting.fails;
import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.name;
import static io.haneul.it.sns.SnsTesting.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Queue and topic policies judged with their conditions and resources, as AWS judges them: the
 * usual SNS-to-SQS statement ({@code "Principal": "*"} conditioned on {@code aws:SourceArn}) lets
 * the named topic deliver and no account send; a statement naming another resource grants nothing;
 * topic policies conditioned on the caller's account.
 */
class SnsSqsPolicyIT {

    private static final String ACCOUNT_C = "333333333333";

    static TestServer server;
    static SnsClient snsA;
    static SqsClient sqsB;
    static SqsClient sqsC;
    static SnsClient snsB;
    static SnsClient snsC;

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs");
        snsA = SnsTesting.sns(server, ACCOUNT_A);
        snsB = SnsTesting.sns(server, ACCOUNT_B);
        snsC = SnsTesting.sns(server, ACCOUNT_C);
        sqsB = SnsTesting.sqs(server, ACCOUNT_B);
        sqsC = SnsTesting.sqs(server, ACCOUNT_C);
    }

    @AfterAll
    static void stop() throws Exception {
        snsA.close();
        snsB.close();
        snsC.close();
        sqsB.close();
        sqsC.close();
        server.close();
    }

    @Test
    void aSourceArnConditionLetsTheTopicDeliverAndNoAccountSend() {
        String topicArn = snsA.createTopic(r -> r.name(name("orders"))).topicArn();
        SnsTesting.Queue queue = SnsTesting.queue(sqsB, name("orders-in"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"" + queue.arn() + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn + "\"}}}]}";
        sqsB.setQueueAttributes(r -> r.queueUrl(queue.url()).attributes(Map.of(QueueAttributeName.POLICY, policy)));

        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> sqsC.sendMessage(r -> r.queueUrl(queue.url()).messageBody("direct")));
        assertEmpty(sqsB, queue);

        snsA.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()));
        JsonNode confirmation = json(receive(sqsB, queue, 1, 10).getFirst().body());
        assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
        snsB.confirmSubscription(r -> r.topicArn(topicArn).token(confirmation.get("Token").asText()));
        snsA.publish(r -> r.topicArn(topicArn).message("via the topic"));
        assertEquals("via the topic", json(receive(sqsB, queue, 1, 10).getFirst().body()).get("Message").asText());

        String otherTopic = snsA.createTopic(r -> r.name(name("other"))).topicArn();
        snsA.subscribe(r -> r.topicArn(otherTopic).protocol("sqs").endpoint(queue.arn()));
        assertEmpty(sqsB, queue);
    }

    @Test
    void aStatementNamingAnotherQueueGrantsNothing() {
        SnsTesting.Queue queue = SnsTesting.queue(sqsB, name("target"));
        String elsewhere = queue.arn() + "-elsewhere";
        String policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ACCOUNT_C + "\"},\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"%s\"}]}";
        sqsB.setQueueAttributes(r -> r.queueUrl(queue.url()).attributes(Map.of(QueueAttributeName.POLICY, policy.formatted(elsewhere))));
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> sqsC.sendMessage(r -> r.queueUrl(queue.url()).messageBody("x")));
        sqsB.setQueueAttributes(r -> r.queueUrl(queue.url()).attributes(Map.of(QueueAttributeName.POLICY, policy.formatted(queue.arn()))));
        assertNotNull(sqsC.sendMessage(r -> r.queueUrl(queue.url()).messageBody("x")).messageId());
    }

    @Test
    void topicPoliciesConditionedOnTheCallersAccount() {
        String topicArn = snsA.createTopic(r -> r.name(name("shared"))).topicArn();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\","
                + "\"Resource\":\"" + topicArn + "\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + ACCOUNT_B + "\"}}},"
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"SNS:GetTopicAttributes\",\"Resource\":\"" + topicArn + "\","
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"" + ACCOUNT_C + "\"}}}]}";
        snsA.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy").attributeValue(policy));
        assertNotNull(snsB.publish(r -> r.topicArn(topicArn).message("from b")).messageId());
        fails("AuthorizationError", 403, () -> snsC.publish(r -> r.topicArn(topicArn).message("from c")));
        assertEquals(topicArn, snsC.getTopicAttributes(r -> r.topicArn(topicArn)).attributes().get("TopicArn"));
        fails("AuthorizationError", 403, () -> snsB.getTopicAttributes(r -> r.topicArn(topicArn)));
    }
}
