package io.haneul.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.sns.SnsTesting.Queue;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.haneul.it.sns.SnsTesting.ACCOUNT_A;
import static io.haneul.it.sns.SnsTesting.ACCOUNT_B;
import static io.haneul.it.sns.SnsTesting.assertEmpty;
import static io.haneul.it.sns.SnsTesting.fails;
import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.name;
import static io.haneul.it.sns.SnsTesting.receive;
import static io.haneul.it.sns.SnsTesting.verifiedByAws;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing to SQS subscriptions: envelopes and their signatures, raw delivery, structures, FIFO, batches, cross-account, DLQs. */
class SnsSqsDeliveryIT {

    static TestServer server;
    static SnsClient sns;
    static SqsClient sqs;
    static SnsClient snsB;
    static SqsClient sqsB;

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs");
        sns = SnsTesting.sns(server, ACCOUNT_A);
        sqs = SnsTesting.sqs(server, ACCOUNT_A);
        snsB = SnsTesting.sns(server, ACCOUNT_B);
        sqsB = SnsTesting.sqs(server, ACCOUNT_B);
    }

    @AfterAll
    static void stop() throws Exception {
        sns.close();
        sqs.close();
        snsB.close();
        sqsB.close();
        server.close();
    }

    private static String topic(String prefix) {
        return sns.createTopic(r -> r.name(name(prefix))).topicArn();
    }

    private static String subscribe(String topicArn, Queue q, Map<String, String> attrs) {
        return sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(q.arn()).attributes(attrs)).subscriptionArn();
    }

    @Test
    void notificationEnvelopeIsSignedAsAwsDoes() {
        String topicArn = topic("env");
        Queue q = SnsTesting.queue(sqs, name("env"));
        String subArn = subscribe(topicArn, q, Map.of());
        assertTrue(subArn.startsWith(topicArn + ":"));
        String id = sns.publish(r -> r.topicArn(topicArn).message("hello \"world\"\nline two").subject("Greetings")
                .messageAttributes(Map.of("color", MessageAttributeValue.builder().dataType("String").stringValue("blue").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("bin")).build())))
                .messageId();
        List<Message> got = receive(sqs, q, 1, 10);
        assertEquals(1, got.size());
        JsonNode n = json(got.getFirst().body());
        assertEquals(List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature",
                "SigningCertURL", "UnsubscribeURL", "MessageAttributes"), fieldNames(n));
        assertEquals("Notification", n.get("Type").asText());
        assertEquals(id, n.get("MessageId").asText());
        assertEquals(topicArn, n.get("TopicArn").asText());
        assertEquals("Greetings", n.get("Subject").asText());
        assertEquals("hello \"world\"\nline two", n.get("Message").asText());
        assertTrue(n.get("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("1", n.get("SignatureVersion").asText());
        assertEquals("String", n.at("/MessageAttributes/color/Type").asText());
        assertEquals("blue", n.at("/MessageAttributes/color/Value").asText());
        assertEquals("Ymlu", n.at("/MessageAttributes/blob/Value").asText());
        assertTrue(got.getFirst().messageAttributes().isEmpty(), "non-raw deliveries carry no SQS attributes");
        assertTrue(verifiedByAws(got.getFirst().body()), "AWS's SignatureChecker accepts SignatureVersion 1");
        X509Certificate cert = SnsTesting.certificate(n.get("SigningCertURL").asText());
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=sns.amazonaws.com"));
        assertTrue(n.get("SigningCertURL").asText().startsWith(server.endpoint() + "/_haneul/sns/certs/SimpleNotificationService-"));

        sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("SignatureVersion").attributeValue("2"));
        sns.publish(r -> r.topicArn(topicArn).message("v2"));
        String v2 = receive(sqs, q, 1, 10).getFirst().body();
        assertEquals("2", json(v2).get("SignatureVersion").asText());
        assertFalse(json(v2).has("Subject"));
        assertTrue(verifiedByAws(v2), "AWS's SignatureChecker accepts SignatureVersion 2");
        String tampered = v2.replace("\"Message\":\"v2\"", "\"Message\":\"v3\"");
        assertFalse(verifiedByAws(tampered));

        var unsigned = SnsTesting.get(json(v2).get("UnsubscribeURL").asText());
        assertEquals(403, unsigned.statusCode(), "a queue subscription needs a signature to be deleted, as on AWS: " + unsigned.body());
        assertTrue(unsigned.body().contains("AuthorizationError"), unsigned.body());
        assertEquals("true", sns.getSubscriptionAttributes(r -> r.subscriptionArn(subArn)).attributes().get("ConfirmationWasAuthenticated"));
        sns.unsubscribe(r -> r.subscriptionArn(subArn));
        fails("NotFound", 404, () -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(subArn)));
        sns.publish(r -> r.topicArn(topicArn).message("after unsubscribe"));
        assertEmpty(sqs, q);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void rawDeliveryCarriesAttributesAsSqsAttributes() {
        String topicArn = topic("raw");
        Queue q = SnsTesting.queue(sqs, name("raw"));
        String sub = subscribe(topicArn, q, Map.of("RawMessageDelivery", "true"));
        assertEquals("true", sns.getSubscriptionAttributes(r -> r.subscriptionArn(sub)).attributes().get("RawMessageDelivery"));
        sns.publish(r -> r.topicArn(topicArn).message("raw body").messageAttributes(Map.of(
                "s", MessageAttributeValue.builder().dataType("String").stringValue("text").build(),
                "n", MessageAttributeValue.builder().dataType("Number").stringValue("42.5").build(),
                "b", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build(),
                "a", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"x\", 1, true]").build())));
        Message m = receive(sqs, q, 1, 10).getFirst();
        assertEquals("raw body", m.body());
        assertEquals("text", m.messageAttributes().get("s").stringValue());
        assertEquals("Number", m.messageAttributes().get("n").dataType());
        assertEquals("42.5", m.messageAttributes().get("n").stringValue());
        assertArrayEquals(new byte[] {1, 2, 3}, m.messageAttributes().get("b").binaryValue().asByteArray());
        assertEquals("String.Array", m.messageAttributes().get("a").dataType());

        fails("InvalidParameter", 400, () -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("RawMessageDelivery")
                .attributeValue("maybe")));
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("RawMessageDelivery").attributeValue("false"));
        sns.publish(r -> r.topicArn(topicArn).message("wrapped"));
        assertEquals("wrapped", json(receive(sqs, q, 1, 10).getFirst().body()).get("Message").asText());
    }

    @Test
    void messageStructureAndValidation() {
        String topicArn = topic("structure");
        Queue q = SnsTesting.queue(sqs, name("structure"));
        subscribe(topicArn, q, Map.of("RawMessageDelivery", "true"));
        sns.publish(r -> r.topicArn(topicArn).messageStructure("json").message("{\"default\":\"fallback\",\"sqs\":\"for queues\"}"));
        assertEquals("for queues", receive(sqs, q, 1, 10).getFirst().body());
        sns.publish(r -> r.topicArn(topicArn).messageStructure("json").message("{\"default\":\"fallback\",\"http\":\"web\"}"));
        assertEquals("fallback", receive(sqs, q, 1, 10).getFirst().body());
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.topicArn(topicArn).messageStructure("json").message("{\"sqs\":\"x\"}")));
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.topicArn(topicArn).messageStructure("json").message("not json")));
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.topicArn(topicArn).message("")));
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.topicArn(topicArn).message("x").subject("line\nbreak")));
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.topicArn(topicArn).message("x").subject("s".repeat(100))));
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.topicArn(topicArn).message("x".repeat(262_145))));
        assertTrue(sns.publish(r -> r.topicArn(topicArn).message("x".repeat(262_144))).messageId().length() > 0);
        receive(sqs, q, 1, 10);
        fails("ParameterValueInvalid", 400, () -> sns.publish(r -> r.topicArn(topicArn).message("x").messageAttributes(Map.of(
                "n", MessageAttributeValue.builder().dataType("Number").stringValue("abc").build()))));
        fails("ParameterValueInvalid", 400, () -> sns.publish(r -> r.topicArn(topicArn).message("x").messageAttributes(Map.of(
                "t", MessageAttributeValue.builder().dataType("Date").stringValue("abc").build()))));
        fails("NotFound", 404, () -> sns.publish(r -> r.topicArn(topicArn + "-missing").message("x")));
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.message("no target")));
    }

    @Test
    void filterPoliciesOnAttributesAndBody() {
        String topicArn = topic("filter");
        Queue exact = SnsTesting.queue(sqs, name("exact"));
        Queue range = SnsTesting.queue(sqs, name("range"));
        Queue body = SnsTesting.queue(sqs, name("body"));
        Queue or = SnsTesting.queue(sqs, name("or"));
        subscribe(topicArn, exact, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"color\":[\"red\",{\"prefix\":\"bl\"}],\"size\":[{\"anything-but\":\"small\"}]}"));
        subscribe(topicArn, range, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"price\":[{\"numeric\":[\">\",10,\"<=\",20]}],\"ip\":[{\"cidr\":\"10.0.0.0/8\"}]}"));
        subscribe(topicArn, body, Map.of("RawMessageDelivery", "true", "FilterPolicyScope", "MessageBody",
                "FilterPolicy", "{\"order\":{\"items\":{\"sku\":[{\"suffix\":\"-X\"}]}},\"state\":[{\"equals-ignore-case\":\"NEW\"}]}"));
        subscribe(topicArn, or, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"$or\":[{\"kind\":[\"a\"]},{\"missing\":[{\"exists\":false}],\"tags\":[\"t2\"]}]}"));

        publish(topicArn, "m1", Map.of("color", str("blue"), "size", str("large"), "kind", str("a")));
        publish(topicArn, "m2", Map.of("color", str("green"), "price", num("15"), "ip", str("10.1.2.3")));
        publish(topicArn, "m3", Map.of("color", str("red"), "size", str("small"), "price", num("25"), "ip", str("10.1.2.3")));
        publish(topicArn, "m4", Map.of("tags", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"t1\",\"t2\"]").build()));
        publish(topicArn, "{\"order\":{\"items\":[{\"sku\":\"a-Y\"},{\"sku\":\"b-X\"}]},\"state\":\"new\"}", Map.of());
        publish(topicArn, "{\"order\":{\"items\":[{\"sku\":\"a-Y\"}]},\"state\":\"new\"}", Map.of());

        assertEquals(List.of("m1"), bodies(receive(sqs, exact, 1, 5)));
        assertEquals(List.of("m2"), bodies(receive(sqs, range, 1, 5)));
        assertEquals(List.of("{\"order\":{\"items\":[{\"sku\":\"a-Y\"},{\"sku\":\"b-X\"}]},\"state\":\"new\"}"), bodies(receive(sqs, body, 1, 5)));
        List<String> orGot = bodies(receive(sqs, or, 2, 5));
        assertEquals(List.of("m1", "m4"), orGot.stream().sorted().toList());
        for (Queue q : List.of(exact, range, body, or)) {
            assertEmpty(sqs, q);
        }

        Queue q = SnsTesting.queue(sqs, name("bad"));
        var e = fails("InvalidParameter", 400, () -> subscribe(topicArn, q, Map.of("FilterPolicy", "{\"a\":[{\"numeric\":[\">\",\"x\"]}]}")));
        assertEquals("Invalid parameter: Attributes Reason: FilterPolicy: Value of > must be numeric", e.awsErrorDetails().errorMessage());
        String sub = subscribe(topicArn, q, Map.of());
        e = fails("InvalidParameter", 400, () -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("FilterPolicy")
                .attributeValue("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}")));
        assertEquals("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys", e.awsErrorDetails().errorMessage());
        e = fails("InvalidParameter", 400, () -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("FilterPolicy")
                .attributeValue("{\"a\":" + IntStream.range(0, 151).boxed().toList() + "}")));
        assertEquals("Invalid parameter: FilterPolicy: Filter policy is too complex", e.awsErrorDetails().errorMessage());
        fails("InvalidParameter", 400, () -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("FilterPolicy")
                .attributeValue("{\"a\":{\"b\":[1]}}")));
        fails("InvalidParameter", 400, () -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("FilterPolicyScope")
                .attributeValue("Everything")));
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("FilterPolicy").attributeValue("{\"a\":[\"1\"]}"));
        Map<String, String> attrs = sns.getSubscriptionAttributes(r -> r.subscriptionArn(sub)).attributes();
        assertEquals("{\"a\":[\"1\"]}", attrs.get("FilterPolicy"));
        assertEquals("MessageAttributes", attrs.get("FilterPolicyScope"));
    }

    private static MessageAttributeValue str(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    private static MessageAttributeValue num(String v) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(v).build();
    }

    private static void publish(String topicArn, String message, Map<String, MessageAttributeValue> attrs) {
        sns.publish(r -> r.topicArn(topicArn).message(message).messageAttributes(attrs));
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    @Test
    void fifoTopicKeepsOrderAndDeduplicates() {
        String topicArn = sns.createTopic(r -> r.name(name("order") + ".fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        Queue q = SnsTesting.queue(sqs, name("order") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        Queue standard = SnsTesting.queue(sqs, name("plain"));
        subscribe(topicArn, q, Map.of("RawMessageDelivery", "true"));
        subscribe(topicArn, standard, Map.of());
        String previous = "";
        for (int i = 0; i < 20; i++) {
            int n = i;
            var r = sns.publish(p -> p.topicArn(topicArn).message("m" + n).messageGroupId("g").messageDeduplicationId("d" + n));
            assertTrue(r.sequenceNumber().compareTo(previous) > 0, "sequence numbers grow");
            previous = r.sequenceNumber();
        }
        var first = sns.publish(p -> p.topicArn(topicArn).message("dup").messageGroupId("g").messageDeduplicationId("d0"));
        List<Message> got = receive(sqs, q, 20, 15);
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList(), bodies(got));
        assertEquals("g", got.getFirst().attributesAsStrings().get("MessageGroupId"));
        assertEmpty(sqs, q);
        JsonNode env = json(receive(sqs, standard, 20, 15).getFirst().body());
        assertTrue(env.has("SequenceNumber"));
        assertFalse(env.has("Signature"), "FIFO notifications are not signed, as in AWS");
        assertNotEquals(null, first.messageId());

        fails("InvalidParameter", 400, () -> sns.publish(p -> p.topicArn(topicArn).message("x").messageDeduplicationId("z")));
        fails("InvalidParameter", 400, () -> sns.publish(p -> p.topicArn(topicArn).message("x").messageGroupId("g")));
        sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("ContentBasedDeduplication").attributeValue("true"));
        var c1 = sns.publish(p -> p.topicArn(topicArn).message("same").messageGroupId("g"));
        var c2 = sns.publish(p -> p.topicArn(topicArn).message("same").messageGroupId("g"));
        assertEquals(c1.messageId(), c2.messageId());
        assertEquals(c1.sequenceNumber(), c2.sequenceNumber());
        assertEquals(List.of("same"), bodies(receive(sqs, q, 2, 3)));

        Queue fifoQueue = SnsTesting.queue(sqs, name("std") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        String standardTopic = topic("std");
        fails("InvalidParameter", 400, () -> subscribe(standardTopic, fifoQueue, Map.of()));
        fails("InvalidParameter", 400, () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint("http://127.0.0.1:9/x")));
        fails("InvalidParameter", 400, () -> sns.publish(p -> p.topicArn(standardTopic).message("x").messageDeduplicationId("d")));
    }

    @Test
    void aMessageCarriesAtMostTenAttributes() {
        String topicArn = topic("attrs");
        Queue q = SnsTesting.queue(sqs, name("attrs"));
        subscribe(topicArn, q, Map.of());
        Map<String, MessageAttributeValue> ten = new java.util.HashMap<>();
        IntStream.range(0, 10).forEach(i -> ten.put("a" + i, MessageAttributeValue.builder().dataType("String").stringValue("v").build()));
        Map<String, MessageAttributeValue> eleven = new java.util.HashMap<>(ten);
        eleven.put("a10", MessageAttributeValue.builder().dataType("String").stringValue("v").build());
        sns.publish(p -> p.topicArn(topicArn).message("ten").messageAttributes(ten));
        var e = fails("ParameterValueInvalid", 400, () -> sns.publish(p -> p.topicArn(topicArn).message("eleven").messageAttributes(eleven)));
        assertEquals("Number of message attributes [11] exceeds the allowed maximum [10].", e.awsErrorDetails().errorMessage());
        PublishBatchResponse r = sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("ten").message("ten").messageAttributes(ten).build(),
                PublishBatchRequestEntry.builder().id("eleven").message("eleven").messageAttributes(eleven).build()));
        assertEquals(List.of("ten"), r.successful().stream().map(x -> x.id()).toList());
        assertEquals("InvalidParameterValue", r.failed().getFirst().code());
        assertEquals("Number of message attributes [11] exceeds the allowed maximum [10].", r.failed().getFirst().message());
        assertEquals(List.of("ten", "ten"), receive(sqs, q, 2, 10).stream().map(m -> json(m.body()).get("Message").asText()).toList());
    }

    @Test
    void publishBatchLimitsAndPerEntryResults() {
        String topicArn = topic("batch");
        Queue q = SnsTesting.queue(sqs, name("batch"));
        subscribe(topicArn, q, Map.of("RawMessageDelivery", "true"));
        PublishBatchResponse r = sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("one").build(),
                PublishBatchRequestEntry.builder().id("b").message("two").messageAttributes(Map.of("n", num("NaN?"))).build(),
                PublishBatchRequestEntry.builder().id("c").message("three").subject("s").build()));
        assertEquals(List.of("a", "c"), r.successful().stream().map(e -> e.id()).toList());
        assertEquals(1, r.failed().size());
        assertEquals("b", r.failed().getFirst().id());
        assertEquals("InvalidParameterValue", r.failed().getFirst().code());
        assertTrue(r.failed().getFirst().senderFault());
        assertEquals(List.of("one", "three"), bodies(receive(sqs, q, 2, 10)));

        List<PublishBatchRequestEntry> eleven = IntStream.range(0, 11)
                .mapToObj(i -> PublishBatchRequestEntry.builder().id("e" + i).message("m").build()).toList();
        fails("TooManyEntriesInBatchRequest", 400, () -> sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(eleven)));
        fails("BatchEntryIdsNotDistinct", 400, () -> sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("x").message("m").build(), PublishBatchRequestEntry.builder().id("x").message("m").build())));
        fails("InvalidBatchEntryId", 400, () -> sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("bad id!").message("m").build())));
        fails("BatchRequestTooLong", 400, () -> sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("x").message("m".repeat(200_000)).build(),
                PublishBatchRequestEntry.builder().id("y").message("m".repeat(200_000)).build())));
        fails("EmptyBatchRequest", 400, () -> sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(List.of())));

        String fifo = sns.createTopic(t -> t.name(name("batch") + ".fifo").attributes(Map.of("FifoTopic", "true",
                "ContentBasedDeduplication", "true"))).topicArn();
        Queue fq = SnsTesting.queue(sqs, name("batch") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        subscribe(fifo, fq, Map.of("RawMessageDelivery", "true"));
        PublishBatchResponse fr = sns.publishBatch(b -> b.topicArn(fifo).publishBatchRequestEntries(IntStream.range(0, 10)
                .mapToObj(i -> PublishBatchRequestEntry.builder().id("e" + i).message("f" + i).messageGroupId("g").build()).toList()));
        assertEquals(10, fr.successful().size());
        assertTrue(fr.successful().stream().allMatch(e -> e.sequenceNumber() != null));
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "f" + i).toList(), bodies(receive(sqs, fq, 10, 10)));
        fails("InvalidParameter", 400, () -> sns.publishBatch(b -> b.topicArn(fifo).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("x").message("m").build())));
    }

    @Test
    void otherAccountsQueuesNeedTheirPolicyOrConfirmation() {
        String topicArn = topic("cross");
        Queue theirs = SnsTesting.queue(sqsB, name("theirs"));
        Queue dlq = SnsTesting.queue(sqs, name("dlq"));
        String pending = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(theirs.arn())).subscriptionArn();
        assertEquals("pending confirmation", pending);
        assertEmpty(sqsB, theirs);

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + theirs.arn() + "\","
                + "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn + "\"}}}]}";
        sqsB.setQueueAttributes(r -> r.queueUrl(theirs.url()).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(theirs.arn()));
        JsonNode confirmation = json(receive(sqsB, theirs, 1, 10).getFirst().body());
        assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
        assertTrue(verifiedByAws(confirmation.toString()));
        String subArn = snsB.confirmSubscription(r -> r.topicArn(topicArn).token(confirmation.get("Token").asText())).subscriptionArn();
        assertTrue(subArn.startsWith(topicArn + ":"));
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(subArn).attributeName("RedrivePolicy")
                .attributeValue("{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
        sns.publish(r -> r.topicArn(topicArn).message("to b"));
        assertEquals("to b", json(receive(sqsB, theirs, 1, 10).getFirst().body()).get("Message").asText());

        sqsB.setQueueAttributes(r -> r.queueUrl(theirs.url()).attributes(Map.of(QueueAttributeName.POLICY, "")));
        sns.publish(r -> r.topicArn(topicArn).message("refused"));
        assertEmpty(sqsB, theirs);
        Message dead = receive(sqs, dlq, 1, 10).getFirst();
        assertEquals("refused", json(dead.body()).get("Message").asText());
        assertTrue(dead.messageAttributes().isEmpty(), () -> "SNS adds no attributes of its own to dead letters: " + dead.messageAttributes());

        Queue own = SnsTesting.queue(sqsB, name("own"));
        sns.addPermission(r -> r.topicArn(topicArn).label("bSubscribes").awsAccountIds(ACCOUNT_B).actionNames("Subscribe"));
        String bSub = snsB.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(own.arn())).subscriptionArn();
        assertTrue(bSub.startsWith(topicArn + ":"), "the queue's owner subscribing needs no confirmation");
        assertEquals(ACCOUNT_B, snsB.getSubscriptionAttributes(r -> r.subscriptionArn(bSub)).attributes().get("Owner"));
    }

    @Test
    void undeliverableMessagesGoToTheDeadLetterQueue() {
        String topicArn = topic("gone");
        Queue dlq = SnsTesting.queue(sqs, name("dlq"));
        Queue q = SnsTesting.queue(sqs, name("gone"));
        String sub = subscribe(topicArn, q, Map.of("RawMessageDelivery", "true",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
        sqs.deleteQueue(r -> r.queueUrl(q.url()));
        sns.publish(r -> r.topicArn(topicArn).message("nowhere").messageAttributes(Map.of("k", str("v"))));
        Message dead = receive(sqs, dlq, 1, 10).getFirst();
        assertEquals("nowhere", dead.body());
        assertEquals("v", dead.messageAttributes().get("k").stringValue());
        assertEquals(Set.of("k"), dead.messageAttributes().keySet(), "the message's own attributes and no others, as AWS");

        fails("InvalidParameter", 400, () -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("RedrivePolicy")
                .attributeValue("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:" + ACCOUNT_B + ":other\"}")));
        fails("InvalidParameter", 400, () -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(sub).attributeName("RedrivePolicy")
                .attributeValue("{\"nope\":1}")));
        String fifo = sns.createTopic(t -> t.name(name("f") + ".fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        Queue fq = SnsTesting.queue(sqs, name("f") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        fails("InvalidParameter", 400, () -> subscribe(fifo, fq, Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}")));
    }
}
