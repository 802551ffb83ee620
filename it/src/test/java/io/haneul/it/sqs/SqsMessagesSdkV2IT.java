package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.haneul.it.sqs.SqsV2.ACCOUNT_A;
import static io.haneul.it.sqs.SqsV2.attrs;
import static io.haneul.it.sqs.SqsV2.create;
import static io.haneul.it.sqs.SqsV2.fails;
import static io.haneul.it.sqs.SqsV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQS messages on standard queues through the AWS SDK for Java v2, which verifies every MD5 it is sent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsMessagesSdkV2IT {

    static TestServer server;
    static SqsClient sqs;

    /** The server the tests run against; the *PostgresIT subclasses start one on PostgreSQL. */
    TestServer newServer() {
        return TestServer.start();
    }

    @BeforeAll
    void start() {
        server = newServer();
        sqs = SqsV2.client(server, ACCOUNT_A);
    }

    @AfterAll
    void stop() throws Exception {
        sqs.close();
        server.close();
    }

    static Map<String, MessageAttributeValue> everyAttributeType() {
        return Map.of(
                "str", MessageAttributeValue.builder().dataType("String").stringValue("héllo ✓").build(),
                "num", MessageAttributeValue.builder().dataType("Number").stringValue("-12.5e3").build(),
                "bin", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[]{0, 1, 2, (byte) 255})).build(),
                "str.lbl", MessageAttributeValue.builder().dataType("String.custom").stringValue("labelled").build(),
                "num_lbl", MessageAttributeValue.builder().dataType("Number.int").stringValue("42").build(),
                "bin-lbl", MessageAttributeValue.builder().dataType("Binary.gif").binaryValue(SdkBytes.fromUtf8String("GIF89a")).build());
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendReceiveDeleteWithEveryAttributeTypeAndTraceHeader() throws Exception {
        String url = create(sqs, name("attrs"));
        String body = "body with ünïcödé and 𝄞";
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        // The SDK checks MD5OfMessageBody, MD5OfMessageAttributes and MD5OfMessageSystemAttributes here.
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(everyAttributeType())
                .messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder().dataType("String").stringValue(trace).build())));
        assertEquals(md5(body), sent.md5OfMessageBody());
        assertNotNull(sent.md5OfMessageAttributes());
        assertNotNull(sent.md5OfMessageSystemAttributes());
        assertNull(sent.sequenceNumber());

        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, got.size());
        Message m = got.getFirst();
        assertEquals(sent.messageId(), m.messageId());
        assertEquals(body, m.body());
        assertEquals(everyAttributeType(), m.messageAttributes());
        assertEquals(sent.md5OfMessageAttributes(), m.md5OfMessageAttributes());
        assertEquals(trace, m.attributesAsStrings().get("AWSTraceHeader"));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        assertEquals("0", counts(url).get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(url)).messages().size());
    }

    @Test
    void receiveSelectsAttributesByNameAndPrefix() {
        String url = create(sqs, name("select"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(everyAttributeType()));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("str.*", "num").visibilityTimeout(0)).messages().getFirst();
        assertTrue(m.messageAttributes().keySet().containsAll(Set.of("str.lbl", "num")), m.messageAttributes().keySet()::toString);
        assertTrue(Set.of("str", "str.lbl", "num").containsAll(m.messageAttributes().keySet()), m.messageAttributes().keySet()::toString);
        Message none = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().getFirst();
        assertTrue(none.messageAttributes().isEmpty());
        assertNull(none.md5OfMessageAttributes());
        assertTrue(none.attributes().isEmpty());
        Message some = sqs.receiveMessage(b -> b.queueUrl(url)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages().getFirst();
        assertEquals(Set.of("SentTimestamp"), some.attributesAsStrings().keySet());
    }

    @Test
    void invalidMessagesAreRejected() {
        String url = create(sqs, name("invalid"));
        fails("InvalidMessageContents", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("bad \u0001 char")));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").delaySeconds(901)));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")
                .messageAttributes(Map.of("AWS.reserved", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")
                .messageAttributes(Map.of("a", MessageAttributeValue.builder().dataType("Number").stringValue("not a number").build()))));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")
                .messageAttributes(Map.of("a", MessageAttributeValue.builder().dataType("Weird").stringValue("v").build()))));
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024")));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(1025))));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(1024)));
        fails("InvalidParameterValue", 400, () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)));
        fails("InvalidParameterValue", 400, () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)));
    }

    @Test
    void sendBatchWithPartialFailure() throws Exception {
        String url = create(sqs, name("batch"));
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("ok1").messageBody("one").messageAttributes(everyAttributeType()).build(),
                SendMessageBatchRequestEntry.builder().id("bad").messageBody("bad \u0000").build(),
                SendMessageBatchRequestEntry.builder().id("ok2").messageBody("two").delaySeconds(0).build(),
                SendMessageBatchRequestEntry.builder().id("late").messageBody("three").delaySeconds(901).build()));
        assertEquals(List.of("ok1", "ok2"), r.successful().stream().map(e -> e.id()).toList());
        assertEquals(md5("one"), r.successful().getFirst().md5OfMessageBody());
        assertEquals(2, r.failed().size());
        BatchResultErrorEntry bad = r.failed().stream().filter(f -> f.id().equals("bad")).findFirst().orElseThrow();
        assertEquals("InvalidMessageContents", bad.code());
        assertTrue(bad.senderFault());
        assertNotNull(bad.message());
        assertEquals("InvalidParameterValue", r.failed().stream().filter(f -> f.id().equals("late")).findFirst().orElseThrow().code());
        assertEquals("2", counts(url).get("ApproximateNumberOfMessages"));

        fails("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("1").build(),
                SendMessageBatchRequestEntry.builder().id("a").messageBody("2").build())));
        fails("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                IntStream.range(0, 11).mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m").build()).toList())));
        fails("AWS.SimpleQueueService.InvalidBatchEntryId", 400, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("no spaces").messageBody("1").build())));
        fails("AWS.SimpleQueueService.EmptyBatchRequest", 400, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())));
        assertEquals("2", counts(url).get("ApproximateNumberOfMessages"), "refused batches enqueue nothing");
    }

    /**
     * A batch is stored as sent, byte for byte and in order, whatever its bodies hold: on PostgreSQL
     * it travels as array parameters of one INSERT, whose text form quotes and escapes.
     */
    @Test
    void aBatchKeepsEveryBodyAndAttributeExactlyAndInOrder() throws Exception {
        String url = create(sqs, name("batchexact"));
        List<String> bodies = List.of("\"quoted\" and 'single'", "back\\slash \\\" end\\", "{braces},commas,{\"a\":[1,2]}", "NULL",
                " leading and trailing spaces ", "line\nbreak\ttab\rreturn", "<xml a=\"&amp;\"/> & more", "ünïcödé 𝄞 ✓ 한국어",
                "x".repeat(5_000), "{}");
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(0, bodies.size())
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies.get(i))
                        .messageAttributes(i % 3 == 0 ? everyAttributeType() : Map.of()).build()).toList()));
        assertEquals(bodies.size(), r.successful().size());
        List<String> sentIds = r.successful().stream().map(e -> e.messageId()).toList();
        List<Message> got = new ArrayList<>();
        while (got.size() < bodies.size()) {
            // the SDK verifies the MD5 of each body and of the attributes it receives
            List<Message> page = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60)
                    .messageAttributeNames("All")).messages();
            assertTrue(!page.isEmpty(), "every message of the batch is receivable");
            got.addAll(page);
        }
        // Haneul hands out a quiet standard queue's messages in send order (AWS does not promise it)
        assertEquals(sentIds, got.stream().map(Message::messageId).toList());
        for (int i = 0; i < bodies.size(); i++) {
            assertEquals(bodies.get(i), got.get(i).body());
            assertEquals(md5(bodies.get(i)), got.get(i).md5OfBody());
            assertEquals(i % 3 == 0 ? everyAttributeType() : Map.of(), got.get(i).messageAttributes());
        }
        assertEquals(bodies.size(), got.stream().map(Message::receiptHandle).distinct().count(), "every message has its own handle");
    }

    @Test
    void deleteAndChangeVisibilityBatchesWithPartialFailure() {
        String url = create(sqs, name("batch2"));
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m" + n));
        }
        List<Message> got = receiveAll(url, 3, 30);
        ChangeMessageVisibilityBatchResponse cv = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
                e -> e.id("a").receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(0),
                e -> e.id("b").receiptHandle("garbage").visibilityTimeout(0),
                e -> e.id("c").receiptHandle(got.get(1).receiptHandle()).visibilityTimeout(100)));
        assertEquals(List.of("a", "c"), cv.successful().stream().map(e -> e.id()).toList());
        assertEquals(List.of("b"), cv.failed().stream().map(e -> e.id()).toList());
        assertEquals("ReceiptHandleIsInvalid", cv.failed().getFirst().code());
        assertEquals("1", counts(url).get("ApproximateNumberOfMessages"));

        DeleteMessageBatchResponse del = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("x").receiptHandle(got.get(1).receiptHandle()),
                e -> e.id("y").receiptHandle("garbage"),
                e -> e.id("z").receiptHandle(got.get(2).receiptHandle())));
        assertEquals(List.of("x", "z"), del.successful().stream().map(e -> e.id()).toList());
        assertEquals("ReceiptHandleIsInvalid", del.failed().getFirst().code());
        assertEquals("y", del.failed().getFirst().id());
        Map<String, String> c = counts(url);
        assertEquals("1", c.get("ApproximateNumberOfMessages"));
        assertEquals("0", c.get("ApproximateNumberOfMessagesNotVisible"));
        fails("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400, () -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("x").receiptHandle(got.get(0).receiptHandle()), e -> e.id("x").receiptHandle(got.get(1).receiptHandle()))));
        fails("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400, () -> sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url)
                .entries(IntStream.range(0, 11).mapToObj(i -> software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry
                        .builder().id("e" + i).receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(1).build()).toList())));
    }

    @Test
    void visibilityTimeoutHidesAndChangeVisibilityRevealsWithNewHandles() {
        String url = create(sqs, name("vis"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hidden"));
        Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(60)).messages().getFirst();
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(url)).messages().size(), "in flight: invisible");
        assertEquals("0", counts(url).get("ApproximateNumberOfMessages"));
        assertEquals("1", counts(url).get("ApproximateNumberOfMessagesNotVisible"));

        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()).visibilityTimeout(0));
        Message second = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(60)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().getFirst();
        assertEquals(first.messageId(), second.messageId());
        assertNotEquals(first.receiptHandle(), second.receiptHandle(), "each receive gets a new receipt handle");
        assertEquals("2", second.attributesAsStrings().get("ApproximateReceiveCount"));

        // Deleting with the older handle of the same message succeeds.
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()));
        assertEquals("0", counts(url).get("ApproximateNumberOfMessagesNotVisible"));
        // The message is gone: not in flight.
        fails("AWS.SimpleQueueService.MessageNotInflight", 400, () -> sqs.changeMessageVisibility(b -> b.queueUrl(url)
                .receiptHandle(second.receiptHandle()).visibilityTimeout(10)));
        fails("ReceiptHandleIsInvalid", 404, () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("not-a-handle")));
        fails("ReceiptHandleIsInvalid", 404, () -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle("not-a-handle")
                .visibilityTimeout(1)));
        fails("InvalidParameterValue", 400, () -> sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(43201)));
    }

    @Test
    void changeVisibilityOfAVisibleMessageIsNotInflight() {
        String url = create(sqs, name("notinflight"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30)).messages().getFirst();
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        fails("AWS.SimpleQueueService.MessageNotInflight", 400, () -> sqs.changeMessageVisibility(b -> b.queueUrl(url)
                .receiptHandle(m.receiptHandle()).visibilityTimeout(30)));
        // A handle of one queue is not valid on another.
        String otherUrl = create(sqs, name("notinflight-other"));
        fails("ReceiptHandleIsInvalid", 404, () -> sqs.deleteMessage(b -> b.queueUrl(otherUrl).receiptHandle(m.receiptHandle())));
    }

    @Test
    void delayedMessagesAreCountedButNotReceivable() {
        String url = create(sqs, name("delay"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(600));
        Map<String, String> c = counts(url);
        assertEquals("1", c.get("ApproximateNumberOfMessagesDelayed"));
        assertEquals("0", c.get("ApproximateNumberOfMessages"));
        assertEquals("0", c.get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().size());

        String delayedQueue = create(sqs, name("delayq"), Map.of(QueueAttributeName.DELAY_SECONDS, "600"));
        sqs.sendMessage(b -> b.queueUrl(delayedQueue).messageBody("queue-delayed"));
        sqs.sendMessage(b -> b.queueUrl(delayedQueue).messageBody("now").delaySeconds(0));
        assertEquals("1", counts(delayedQueue).get("ApproximateNumberOfMessagesDelayed"));
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(delayedQueue).maxNumberOfMessages(10)).messages();
        assertEquals(List.of("now"), got.stream().map(Message::body).toList());
    }

    @Test
    void shortDelayBecomesReceivableDuringALongPoll() {
        String url = create(sqs, name("delay-short"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("soon").delaySeconds(2));
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages();
        assertEquals(List.of("soon"), got.stream().map(Message::body).toList());
    }

    @Test
    void longPollReturnsAMessageSentAfterItStarted() throws Exception {
        String url = create(sqs, name("longpoll"));
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            Future<List<Message>> poll = ex.submit(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages());
            Thread.sleep(500);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("wake up"));
            List<Message> got = poll.get(15, TimeUnit.SECONDS);
            assertEquals(List.of("wake up"), got.stream().map(Message::body).toList());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "returned within its wait time");
        }
    }

    @Test
    void queueLevelReceiveWaitTimeIsTheDefaultLongPoll() throws Exception {
        String url = create(sqs, name("longpoll-q"), Map.of(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "10"));
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Message>> poll = ex.submit(() -> sqs.receiveMessage(b -> b.queueUrl(url)).messages());
            Thread.sleep(500);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("default wait"));
            assertEquals(1, poll.get(15, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void twoHundredConcurrentLongPollsAllGetAMessage() throws Exception {
        String url = create(sqs, name("herd"));
        int n = 200;
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new ArrayList<>();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Message>>> polls = new ArrayList<>();
            List<String> late = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < n; i++) {
                polls.add(ex.submit(() -> {
                    long start = System.nanoTime();
                    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).maxNumberOfMessages(1)).messages();
                    if (System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(20)) {
                        late.add(got.isEmpty() ? "(empty)" : got.getFirst().body());
                    }
                    return got;
                }));
            }
            Thread.sleep(1500);
            for (int batch = 0; batch < n / 10; batch++) {
                int base = batch * 10;
                sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(base, base + 10)
                        .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("msg-" + i).build()).toList()));
            }
            int received = 0;
            for (Future<List<Message>> p : polls) {
                for (Message m : p.get(60, TimeUnit.SECONDS)) {
                    received++;
                    if (!bodies.add(m.body())) {
                        duplicates.add(m.body());
                    }
                }
            }
            assertEquals(List.of(), duplicates);
            assertEquals(n, received, "every long poll got one message");
            assertEquals(List.of(), late, "polls that were not woken but ran out their 20 s wait");
        }
        assertEquals(n, bodies.size());
    }

    @Test
    void systemAttributesOfReceivedMessages() {
        String url = create(sqs, name("sysattrs"));
        long before = System.currentTimeMillis();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x"));
        Message m1 = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().getFirst();
        Map<String, String> a1 = m1.attributesAsStrings();
        assertEquals("1", a1.get("ApproximateReceiveCount"));
        assertEquals(ACCOUNT_A, a1.get("SenderId"));
        long sent = Long.parseLong(a1.get("SentTimestamp"));
        long firstReceive = Long.parseLong(a1.get("ApproximateFirstReceiveTimestamp"));
        assertTrue(sent >= before - 1000 && sent <= System.currentTimeMillis() + 1000, "SentTimestamp is epoch millis: " + sent);
        assertTrue(firstReceive >= sent, "first receive after send");
        // The deprecated AttributeNames selects the same attributes.
        @SuppressWarnings("deprecation")
        Message m2 = sqs.receiveMessage(b -> b.queueUrl(url).attributeNamesWithStrings("All")).messages().getFirst();
        Map<String, String> a2 = m2.attributesAsStrings();
        assertEquals("2", a2.get("ApproximateReceiveCount"));
        assertEquals(a1.get("ApproximateFirstReceiveTimestamp"), a2.get("ApproximateFirstReceiveTimestamp"));
        assertEquals(a1.get("SentTimestamp"), a2.get("SentTimestamp"));
        assertNull(a2.get("SequenceNumber"));
    }

    @Test
    void approximateCountsAreExact() {
        String url = create(sqs, name("counts"));
        for (int i = 0; i < 5; i++) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("visible"));
        }
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("delayed").delaySeconds(300));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("delayed").delaySeconds(300));
        List<Message> inFlight = receiveAll(url, 3, 300);
        assertEquals(3, inFlight.size());
        Map<String, String> c = counts(url);
        assertEquals("2", c.get("ApproximateNumberOfMessages"));
        assertEquals("3", c.get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals("2", c.get("ApproximateNumberOfMessagesDelayed"));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(inFlight.getFirst().receiptHandle()));
        assertEquals("2", counts(url).get("ApproximateNumberOfMessagesNotVisible"));
    }

    @Test
    void purgeEmptiesTheQueueOncePerMinute() {
        String url = create(sqs, name("purge"));
        for (int i = 0; i < 4; i++) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
        }
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("d").delaySeconds(60));
        receiveAll(url, 1, 300);
        sqs.purgeQueue(b -> b.queueUrl(url));
        Map<String, String> c = counts(url);
        assertEquals("0", c.get("ApproximateNumberOfMessages"));
        assertEquals("0", c.get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals("0", c.get("ApproximateNumberOfMessagesDelayed"));
        var e = fails("AWS.SimpleQueueService.PurgeQueueInProgress", 403, () -> sqs.purgeQueue(b -> b.queueUrl(url)));
        assertTrue(e.getMessage().contains("60 seconds"), e.getMessage());
        // Messages sent after a purge stay.
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("after"));
        assertEquals("1", counts(url).get("ApproximateNumberOfMessages"));
    }

    @Test
    void standardQueuesAcceptAMessageGroupId() {
        String url = create(sqs, name("fair"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("tenant").messageGroupId("tenant-1"));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .messages().getFirst();
        assertEquals("tenant-1", m.attributesAsStrings().get("MessageGroupId"));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("d")));
    }

    /** Receives up to {@code n} messages with the given visibility timeout. */
    static List<Message> receiveAll(String url, int n, int visibility) {
        List<Message> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20 && out.size() < n; i++) {
            int want = Math.min(10, n - out.size());
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(want).visibilityTimeout(visibility)).messages()) {
                assertTrue(ids.add(m.messageId()), "no message twice while in flight");
                out.add(m);
            }
        }
        assertEquals(n, out.size());
        return out;
    }

    static Map<String, String> counts(String url) {
        return attrs(sqs, url);
    }

    @Test
    void aStaleHandleCannotChangeVisibility() {
        String url = create(sqs, name("stale"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
        Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().getFirst();
        Message second = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(60)).messages().getFirst();
        assertEquals(first.messageId(), second.messageId());
        fails("InvalidParameterValue", 400, () -> sqs.changeMessageVisibility(b -> b.queueUrl(url)
                .receiptHandle(first.receiptHandle()).visibilityTimeout(0)));
        assertEquals("1", counts(url).get("ApproximateNumberOfMessagesNotVisible"), "the stale handle changed nothing");
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(second.receiptHandle()).visibilityTimeout(0));
        assertEquals("1", counts(url).get("ApproximateNumberOfMessages"));
    }

    @Test
    void attributeCountAndSizeLimits() {
        String url = create(sqs, name("limits"), Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));
        Map<String, MessageAttributeValue> eleven = new java.util.HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("a" + i, MessageAttributeValue.builder().dataType("String").stringValue("v").build());
        }
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(eleven)));
        eleven.remove("a10");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(eleven));
        // Attributes count against MaximumMessageSize: name, type and value.
        Map<String, MessageAttributeValue> big = Map.of("name", MessageAttributeValue.builder().dataType("String").stringValue("v".repeat(20)).build());
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(1000)).messageAttributes(big)));
        fails("MissingParameter", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("")));
        // An absent body fails the model's required-member check (core/validation: ValidationException for SQS over JSON).
        assertEquals(400, SqsV2.fails("ValidationException", 400, () -> sqs.sendMessage(b -> b.queueUrl(url))).statusCode());
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(
                Map.of("s", MessageAttributeValue.builder().dataType("String").build()))));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(
                Map.of("bad name!", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))));
    }

    @Test
    void oneMebibyteMessagesAndBatchLimit() {
        String url = create(sqs, name("big"));
        String max = "x".repeat(1_048_576);
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody(max));
        assertNotNull(sent.messageId());
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(max + "x")));
        Message got = sqs.receiveMessage(b -> b.queueUrl(url)).messages().getFirst();
        assertEquals(max.length(), got.body().length());
        String half = "y".repeat(600_000);
        fails("AWS.SimpleQueueService.BatchRequestTooLong", 400, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody(half).build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody(half).build())));
    }

    @Test
    void aReceiveReturnsAtMostMaxNumberOfMessagesAndTenWhenThereAreMore() {
        String url = create(sqs, name("ten"));
        for (int batch = 0; batch < 3; batch++) {
            int base = batch * 10;
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(base, base + 10)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m" + i).build()).toList()));
        }
        assertEquals(10, sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().size());
        assertEquals(3, sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(3)).messages().size());
        assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(url)).messages().size(), "MaxNumberOfMessages defaults to 1");
        assertEquals("16", counts(url).get("ApproximateNumberOfMessages"));
    }

    @Test
    void queueUrlsAreParsedByAccountAndNameWhateverTheHost() {
        String name = name("anyhost");
        create(sqs, name);
        String awsForm = "https://sqs.us-east-1.amazonaws.com/" + ACCOUNT_A + "/" + name;
        sqs.sendMessage(b -> b.queueUrl(awsForm).messageBody("via the AWS form"));
        assertEquals("1", attrs(sqs, awsForm).get("ApproximateNumberOfMessages"));
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> sqs.sendMessage(b -> b.queueUrl("not a url").messageBody("x")));
    }

    @Test
    void regionsAreSeparate() {
        String name = name("regional");
        String url = create(sqs, name);
        try (SqsClient eu = SqsClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ACCOUNT_A, "secret"))).build()) {
            fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> eu.getQueueUrl(b -> b.queueName(name)));
            assertTrue(!eu.listQueues().queueUrls().contains(url));
            String euUrl = eu.createQueue(b -> b.queueName(name)).queueUrl();
            assertEquals("arn:aws:sqs:eu-west-1:" + ACCOUNT_A + ":" + name, SqsV2.arn(eu, euUrl));
            assertEquals("arn:aws:sqs:us-east-1:" + ACCOUNT_A + ":" + name, SqsV2.arn(sqs, url));
        }
    }
}
