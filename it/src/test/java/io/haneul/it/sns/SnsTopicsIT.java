package io.haneul.it.sns;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.haneul.it.sns.SnsTesting.ACCOUNT_A;
import static io.haneul.it.sns.SnsTesting.ACCOUNT_B;
import static io.haneul.it.sns.SnsTesting.fails;
import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topics through the SDK v2 client: creation rules, attributes, tags, policies, listings. */
class SnsTopicsIT {

    static TestServer server;
    static SnsClient a;
    static SnsClient b;

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs");
        a = SnsTesting.sns(server, ACCOUNT_A);
        b = SnsTesting.sns(server, ACCOUNT_B);
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        server.close();
    }

    @Test
    void createIsIdempotentAndDeleteToo() {
        String n = name("t");
        String arn = a.createTopic(r -> r.name(n)).topicArn();
        assertEquals("arn:aws:sns:us-east-1:" + ACCOUNT_A + ":" + n, arn);
        assertEquals(arn, a.createTopic(r -> r.name(n)).topicArn());
        a.setTopicAttributes(r -> r.topicArn(arn).attributeName("DisplayName").attributeValue("shown"));
        fails("InvalidParameter", 400, () -> a.createTopic(r -> r.name(n).attributes(Map.of("DisplayName", "other"))));
        assertEquals(arn, a.createTopic(r -> r.name(n).attributes(Map.of("DisplayName", "shown"))).topicArn());
        a.deleteTopic(r -> r.topicArn(arn));
        a.deleteTopic(r -> r.topicArn(arn));
        fails("NotFound", 404, () -> a.getTopicAttributes(r -> r.topicArn(arn)));
    }

    @Test
    void namesAndFifoRules() {
        fails("InvalidParameter", 400, () -> a.createTopic(r -> r.name("bad name!")));
        fails("InvalidParameter", 400, () -> a.createTopic(r -> r.name("x".repeat(257))));
        fails("InvalidParameter", 400, () -> a.createTopic(r -> r.name(name("f") + ".fifo")));
        fails("InvalidParameter", 400, () -> a.createTopic(r -> r.name(name("s")).attributes(Map.of("FifoTopic", "true"))));
        fails("InvalidParameter", 400, () -> a.createTopic(r -> r.name(name("s")).attributes(Map.of("ContentBasedDeduplication", "true"))));
        String fifo = a.createTopic(r -> r.name(name("f") + ".fifo").attributes(Map.of("FifoTopic", "true",
                "ContentBasedDeduplication", "true", "FifoThroughputScope", "MessageGroup"))).topicArn();
        Map<String, String> attrs = a.getTopicAttributes(r -> r.topicArn(fifo)).attributes();
        assertEquals("true", attrs.get("FifoTopic"));
        assertEquals("true", attrs.get("ContentBasedDeduplication"));
        assertEquals("MessageGroup", attrs.get("FifoThroughputScope"));
        fails("InvalidParameter", 400, () -> a.setTopicAttributes(r -> r.topicArn(fifo).attributeName("FifoTopic").attributeValue("false")));
    }

    @Test
    void attributesDefaultsAndChanges() {
        String arn = a.createTopic(r -> r.name(name("attrs"))).topicArn();
        Map<String, String> attrs = a.getTopicAttributes(r -> r.topicArn(arn)).attributes();
        assertEquals(ACCOUNT_A, attrs.get("Owner"));
        assertEquals(arn, attrs.get("TopicArn"));
        assertEquals("0", attrs.get("SubscriptionsConfirmed"));
        assertEquals("0", attrs.get("SubscriptionsPending"));
        assertEquals("0", attrs.get("SubscriptionsDeleted"));
        assertEquals("", attrs.get("DisplayName"));
        assertEquals(arn, json(attrs.get("Policy")).at("/Statement/0/Resource").asText());
        assertEquals(3, json(attrs.get("EffectiveDeliveryPolicy")).at("/http/defaultHealthyRetryPolicy/numRetries").asInt());

        a.setTopicAttributes(r -> r.topicArn(arn).attributeName("SignatureVersion").attributeValue("2"));
        a.setTopicAttributes(r -> r.topicArn(arn).attributeName("TracingConfig").attributeValue("Active"));
        a.setTopicAttributes(r -> r.topicArn(arn).attributeName("KmsMasterKeyId").attributeValue("alias/aws/sns"));
        a.setTopicAttributes(r -> r.topicArn(arn).attributeName("DeliveryPolicy").attributeValue(
                "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":10,\"numRetries\":4}}}"));
        attrs = a.getTopicAttributes(r -> r.topicArn(arn)).attributes();
        assertEquals("2", attrs.get("SignatureVersion"));
        assertEquals("Active", attrs.get("TracingConfig"));
        assertEquals("alias/aws/sns", attrs.get("KmsMasterKeyId"));
        assertEquals(4, json(attrs.get("EffectiveDeliveryPolicy")).at("/http/defaultHealthyRetryPolicy/numRetries").asInt());

        fails("InvalidParameter", 400, () -> a.setTopicAttributes(r -> r.topicArn(arn).attributeName("SignatureVersion").attributeValue("3")));
        fails("InvalidParameter", 400, () -> a.setTopicAttributes(r -> r.topicArn(arn).attributeName("Nope").attributeValue("1")));
        fails("InvalidParameter", 400, () -> a.setTopicAttributes(r -> r.topicArn(arn).attributeName("Policy").attributeValue("{bad")));
        fails("InvalidParameter", 400, () -> a.setTopicAttributes(r -> r.topicArn(arn).attributeName("DeliveryPolicy").attributeValue(
                "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":10,\"numRetries\":101}}}")));
        fails("InvalidParameter", 400, () -> a.getTopicAttributes(r -> r.topicArn("not-an-arn")));
    }

    @Test
    void tagsAndDataProtection() {
        String n = name("tags");
        String arn = a.createTopic(r -> r.name(n).tags(Tag.builder().key("team").value("core").build())).topicArn();
        fails("InvalidParameter", 400, () -> a.createTopic(r -> r.name(n).tags(Tag.builder().key("team").value("other").build())));
        a.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        assertEquals(List.of("team=core", "env=dev"), a.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList());
        a.untagResource(r -> r.resourceArn(arn).tagKeys("team"));
        assertEquals(1, a.listTagsForResource(r -> r.resourceArn(arn)).tags().size());
        List<Tag> many = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        fails("TagLimitExceeded", 400, () -> a.tagResource(r -> r.resourceArn(arn).tags(many)));
        fails("InvalidParameter", 400, () -> a.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("aws:x").value("v").build())));
        fails("ResourceNotFound", 404, () -> a.listTagsForResource(r -> r.resourceArn(arn + "-missing")));

        assertNull(a.getDataProtectionPolicy(r -> r.resourceArn(arn)).dataProtectionPolicy());
        String policy = "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":[]}";
        a.putDataProtectionPolicy(r -> r.resourceArn(arn).dataProtectionPolicy(policy));
        assertEquals(policy, a.getDataProtectionPolicy(r -> r.resourceArn(arn)).dataProtectionPolicy());
        fails("InvalidParameter", 400, () -> a.putDataProtectionPolicy(r -> r.resourceArn(arn).dataProtectionPolicy("nope")));
        fails("NotFound", 404, () -> a.getDataProtectionPolicy(r -> r.resourceArn(arn + "-missing")));
        String withPolicy = a.createTopic(r -> r.name(name("dp")).dataProtectionPolicy(policy)).topicArn();
        assertEquals(policy, a.getDataProtectionPolicy(r -> r.resourceArn(withPolicy)).dataProtectionPolicy());
    }

    @Test
    void topicPolicyDecidesWhoMayPublishAndSubscribe() {
        String arn = a.createTopic(r -> r.name(name("policy"))).topicArn();
        fails("AuthorizationError", 403, () -> b.publish(r -> r.topicArn(arn).message("hi")));
        fails("AuthorizationError", 403, () -> b.subscribe(r -> r.topicArn(arn).protocol("sqs")
                .endpoint("arn:aws:sqs:us-east-1:" + ACCOUNT_B + ":q")));
        fails("AuthorizationError", 403, () -> b.getTopicAttributes(r -> r.topicArn(arn)));

        a.addPermission(r -> r.topicArn(arn).label("letB").awsAccountIds(ACCOUNT_B).actionNames("Publish"));
        assertTrue(b.publish(r -> r.topicArn(arn).message("hi")).messageId().length() > 0);
        fails("AuthorizationError", 403, () -> b.subscribe(r -> r.topicArn(arn).protocol("sqs")
                .endpoint("arn:aws:sqs:us-east-1:" + ACCOUNT_B + ":q")));
        fails("InvalidParameter", 400, () -> a.addPermission(r -> r.topicArn(arn).label("letB").awsAccountIds(ACCOUNT_B).actionNames("Publish")));
        a.removePermission(r -> r.topicArn(arn).label("letB"));
        fails("AuthorizationError", 403, () -> b.publish(r -> r.topicArn(arn).message("hi")));

        String open = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:Subscribe\","
                + "\"Resource\":\"" + arn + "\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + ACCOUNT_B + "\"},"
                + "\"Action\":\"SNS:Publish\",\"Resource\":\"*\"}]}";
        a.setTopicAttributes(r -> r.topicArn(arn).attributeName("Policy").attributeValue(open));
        assertTrue(b.subscribe(r -> r.topicArn(arn).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:" + ACCOUNT_B + ":q"))
                .subscriptionArn().startsWith(arn + ":"));
        fails("AuthorizationError", 403, () -> b.publish(r -> r.topicArn(arn).message("hi")));
    }

    @Test
    void listTopicsPaginates() {
        SnsClient c = SnsTesting.sns(server, "333333333333");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 105; i++) {
            int n = i;
            created.add(c.createTopic(r -> r.name("page-" + n)).topicArn());
        }
        ListTopicsResponse first = c.listTopics();
        assertEquals(100, first.topics().size());
        assertTrue(first.nextToken() != null);
        ListTopicsResponse second = c.listTopics(r -> r.nextToken(first.nextToken()));
        assertEquals(5, second.topics().size());
        assertNull(second.nextToken());
        Set<String> listed = new HashSet<>();
        first.topics().stream().map(Topic::topicArn).forEach(listed::add);
        second.topics().stream().map(Topic::topicArn).forEach(listed::add);
        assertEquals(created, listed);
        assertEquals(105, c.listTopicsPaginator().topics().stream().count());
        fails("InvalidParameter", 400, () -> c.listTopics(r -> r.nextToken("%%%")));
        c.close();
    }

    @Test
    void listSubscriptionsPaginates() {
        SnsClient c = SnsTesting.sns(server, "444444444444");
        String arn = c.createTopic(r -> r.name("subs")).topicArn();
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < 103; i++) {
            int n = i;
            subs.add(c.subscribe(r -> r.topicArn(arn).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:444444444444:q" + n)).subscriptionArn());
        }
        assertEquals(arn + ":", subs.getFirst().substring(0, arn.length() + 1));
        ListSubscriptionsByTopicResponse first = c.listSubscriptionsByTopic(r -> r.topicArn(arn));
        assertEquals(100, first.subscriptions().size());
        assertEquals(3, c.listSubscriptionsByTopic(r -> r.topicArn(arn).nextToken(first.nextToken())).subscriptions().size());
        assertEquals(103, c.listSubscriptionsPaginator().subscriptions().stream().count());
        assertEquals("103", c.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("SubscriptionsConfirmed"));
        c.unsubscribe(r -> r.subscriptionArn(subs.getFirst()));
        Map<String, String> attrs = c.getTopicAttributes(r -> r.topicArn(arn)).attributes();
        assertEquals("102", attrs.get("SubscriptionsConfirmed"));
        assertEquals("1", attrs.get("SubscriptionsDeleted"));
        c.unsubscribe(r -> r.subscriptionArn(subs.getFirst())); // an already removed subscription: success, as AWS
        fails("NotFound", 404, () -> c.listSubscriptionsByTopic(r -> r.topicArn(arn + "x")));
        c.deleteTopic(r -> r.topicArn(arn));
        assertFalse(c.listSubscriptions().subscriptions().stream().anyMatch(s -> s.topicArn().equals(arn)));
        c.close();
    }
}
