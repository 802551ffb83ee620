package io.haneul.sns.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names, ARNs, attributes, publish rules, tags, protocols and the HTTP target rule. */
class RulesTest {

    private static String shape(Runnable r) {
        return assertThrows(SnsException.class, r::run).shape();
    }

    @Test
    void topicNamesAndArns() {
        assertFalse(TopicName.validate("orders_1-a", null));
        assertTrue(TopicName.validate("orders.fifo", "true"));
        assertEquals("InvalidParameterException", shape(() -> TopicName.validate("orders.fifo", null)));
        assertEquals("InvalidParameterException", shape(() -> TopicName.validate("orders", "true")));
        assertEquals("InvalidParameterException", shape(() -> TopicName.validate("a b", null)));
        assertEquals("InvalidParameterException", shape(() -> TopicName.validate("", null)));
        assertEquals("orders", Arns.topic("arn:aws:sns:eu-west-1:123456789012:orders", "TopicArn").resource());
        assertEquals("arn:aws:sns:eu-west-1:123456789012:orders",
                Arns.topicOfSubscription("arn:aws:sns:eu-west-1:123456789012:orders:0d4e7f6a-7a9b-4f6e-9b1e-2a3c4d5e6f70").orElseThrow());
        assertTrue(Arns.queue("arn:aws:sqs:us-east-1:123456789012:q.fifo").orElseThrow().fifo());
        assertTrue(Arns.queue("arn:aws:sns:us-east-1:123456789012:q").isEmpty());
    }

    @Test
    void topicAttributes() {
        Map<String, String> ok = TopicAttributes.validateCreate(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "TRUE"), true);
        assertEquals("true", ok.get("ContentBasedDeduplication"));
        assertEquals("InvalidParameterException", shape(() -> TopicAttributes.validateCreate(Map.of("Bogus", "1"), false)));
        assertEquals("InvalidParameterException", shape(() -> TopicAttributes.validateSet("FifoTopic", "true", true)));
        assertEquals("InvalidParameterException", shape(() -> TopicAttributes.validateSet("ArchivePolicy", "{}", false)));
        assertEquals("{\"MessageRetentionPeriod\":\"30\"}", TopicAttributes.validateSet("ArchivePolicy", "{\"MessageRetentionPeriod\":\"30\"}", true));
        assertEquals("InvalidParameterException", shape(() -> TopicAttributes.validateSet("HTTPSuccessFeedbackSampleRate", "101", false)));
        assertEquals("50", TopicAttributes.validateSet("HTTPSuccessFeedbackSampleRate", "50", false));
        assertEquals("InvalidParameterException", shape(() -> TopicAttributes.validateSet("SQSFailureFeedbackRoleArn", "role", false)));
    }

    @Test
    void subscriptionAttributes() {
        String topic = "arn:aws:sns:us-east-1:111111111111:t";
        Map<String, String> a = SubscriptionAttributes.apply(Map.of(), Map.of("RawMessageDelivery", "TRUE"), Protocol.SQS, topic, true);
        assertEquals("true", a.get("RawMessageDelivery"));
        assertEquals("InvalidParameterException", shape(() -> SubscriptionAttributes.apply(Map.of(), Map.of("RawMessageDelivery", "true"),
                Protocol.EMAIL, topic, true)));
        assertEquals("InvalidParameterException", shape(() -> SubscriptionAttributes.apply(Map.of(), Map.of("DeliveryPolicy", "{}"),
                Protocol.SQS, topic, true)));
        assertEquals("InvalidParameterException", shape(() -> SubscriptionAttributes.apply(Map.of(), Map.of("Nope", "x"),
                Protocol.SQS, topic, false)));
        assertTrue(SubscriptionAttributes.apply(Map.of("FilterPolicy", "{}"), Map.of("FilterPolicy", ""), Protocol.SQS, topic, false).isEmpty());
        assertEquals("InvalidParameterException", shape(() -> SubscriptionAttributes.apply(Map.of(), Map.of("ReplayPolicy", "{}"),
                Protocol.SQS, topic, false)));
    }

    @Test
    void publishRules() {
        assertEquals("InvalidParameterException", shape(() -> PublishRules.validateMessage("", null, Map.of())));
        assertEquals("InvalidParameterException", shape(() -> PublishRules.validateMessage("m", "tab\there", Map.of())));
        assertEquals("InvalidParameterException", shape(() -> PublishRules.validateMessage("m", " leading", Map.of())));
        assertEquals(262_144, PublishRules.validateMessage("x".repeat(262_136), null,
                Map.of("a", new MessageAttributes.Attribute("String", "x", null))));
        assertEquals("InvalidParameterException", shape(() -> PublishRules.validateMessage("x".repeat(262_136), null,
                Map.of("ab", new MessageAttributes.Attribute("String", "x", null)))));
        assertEquals(Map.of("default", "d", "sqs", "{\"a\":1}"), PublishRules.structure("{\"default\":\"d\",\"sqs\":{\"a\":1}}"));
        assertEquals("InvalidParameterException", shape(() -> PublishRules.structure("{\"sqs\":\"x\"}")));
        PublishRules.validateFifo(true, true, "g", null);
        assertEquals("InvalidParameterException", shape(() -> PublishRules.validateFifo(true, false, "g", null)));
        assertEquals("InvalidParameterException", shape(() -> PublishRules.validateFifo(true, true, null, "d")));
        assertEquals("InvalidParameterException", shape(() -> PublishRules.validateFifo(false, false, null, "d")));
        assertEquals(64, PublishRules.contentDedupId("m").length());
    }

    @Test
    void messageAttributes() {
        MessageAttributes.validate(Map.of("AWS.SNS.SMS.SenderID", new MessageAttributes.Attribute("String", "x", null),
                "n", new MessageAttributes.Attribute("Number.int", "1e3", null),
                "arr", new MessageAttributes.Attribute("String.Array", "[\"a\",1,true,null]", null)));
        String invalid = "InvalidParameterValueException";
        assertEquals(invalid, shape(() -> MessageAttributes.validate(Map.of("AWS.x", new MessageAttributes.Attribute("String", "x", null)))));
        assertEquals(invalid, shape(() -> MessageAttributes.validate(Map.of("a..b", new MessageAttributes.Attribute("String", "x", null)))));
        assertEquals(invalid, shape(() -> MessageAttributes.validate(Map.of("a", new MessageAttributes.Attribute("Date", "x", null)))));
        assertEquals(invalid, shape(() -> MessageAttributes.validate(Map.of("a", new MessageAttributes.Attribute("String", "", null)))));
        assertEquals(invalid, shape(() -> MessageAttributes.validate(Map.of("a", new MessageAttributes.Attribute("Number", "1x", null)))));
        assertEquals(invalid, shape(() -> MessageAttributes.validate(Map.of("a", new MessageAttributes.Attribute("Binary", null, new byte[0])))));
        assertEquals(invalid, shape(() -> MessageAttributes.validate(Map.of("a", new MessageAttributes.Attribute("String.Array", "[{}]", null)))));
    }

    @Test
    void atMostTenMessageAttributes() {
        Map<String, MessageAttributes.Attribute> ten = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            ten.put("a" + i, new MessageAttributes.Attribute("String", "x", null));
        }
        MessageAttributes.validate(ten);
        Map<String, MessageAttributes.Attribute> eleven = new java.util.HashMap<>(ten);
        eleven.put("a10", new MessageAttributes.Attribute("String", "x", null));
        SnsException e = assertThrows(SnsException.class, () -> MessageAttributes.validate(eleven));
        assertEquals("InvalidParameterValueException", e.shape());
        assertEquals("Number of message attributes [11] exceeds the allowed maximum [10].", e.getMessage());
    }

    @Test
    void tagsAndProtocols() {
        assertEquals(Map.of("a", "1", "b", "2"), Tags.validate(List.of(new Tags.Tag("a", "1"), new Tags.Tag("b", "2"))));
        // AWS refuses a key given twice in one call ("Duplicated keys are not allowed.")
        assertEquals("InvalidParameterException", shape(() -> Tags.validate(List.of(new Tags.Tag("a", "0"), new Tags.Tag("a", "1")))));
        assertEquals("InvalidParameterException", shape(() -> Tags.validate(List.of(new Tags.Tag("aws:x", "1")))));
        assertEquals("InvalidParameterException", shape(() -> Tags.validate(List.of(new Tags.Tag("", "1")))));
        assertEquals(Protocol.EMAIL_JSON, Protocol.parse("EMAIL-JSON"));
        assertEquals("InvalidParameterException", shape(() -> Protocol.parse("ftp")));
        assertEquals("InvalidParameterException", shape(() -> Protocol.HTTPS.validateEndpoint("http://x")));
        assertEquals("InvalidParameterException", shape(() -> Protocol.SMS.validateEndpoint("call me")));
        Protocol.SMS.validateEndpoint("+442071234567");
        Protocol.LAMBDA.validateEndpoint("arn:aws:lambda:us-east-1:123456789012:function:f:prod");
        Protocol.APPLICATION.validateEndpoint("arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/5f2e");
    }
}
