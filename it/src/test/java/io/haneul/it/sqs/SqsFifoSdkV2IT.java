package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.haneul.it.sqs.SqsV2.ACCOUNT_A;
import static io.haneul.it.sqs.SqsV2.attrs;
import static io.haneul.it.sqs.SqsV2.create;
import static io.haneul.it.sqs.SqsV2.fails;
import static io.haneul.it.sqs.SqsV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FIFO queues through the AWS SDK for Java v2: order, group blocking, deduplication and sequence numbers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsFifoSdkV2IT {

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

    static String fifo(Map<QueueAttributeName, String> extra) {
        Map<QueueAttributeName, String> a = new HashMap<>(extra);
        a.put(QueueAttributeName.FIFO_QUEUE, "true");
        return create(sqs, name("f") + ".fifo", a);
    }

    static SendMessageResponse send(String url, String group, String body) {
        return sqs.sendMessage(b -> b.queueUrl(url).messageGroupId(group).messageBody(body).messageDeduplicationId(body));
    }

    static List<Message> receive(String url, int max) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max).visibilityTimeout(60)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    static List<String> bodies(List<Message> ms) {
        return ms.stream().map(Message::body).toList();
    }

    @Test
    void messagesOfAGroupArriveInOrder() {
        String url = fifo(Map.of());
        for (int i = 0; i < 8; i++) {
            send(url, "g", "m" + i);
        }
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < 10 && seen.size() < 8; round++) {
            List<Message> got = receive(url, 3);
            seen.addAll(bodies(got));
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(got.stream().map(m -> software.amazon.awssdk.services.sqs.model
                    .DeleteMessageBatchRequestEntry.builder().id("d" + Math.abs(m.messageId().hashCode())).receiptHandle(m.receiptHandle()).build()).toList()));
        }
        assertEquals(IntStream.range(0, 8).mapToObj(i -> "m" + i).toList(), seen);
    }

    @Test
    void aGroupWithAMessageInFlightIsBlockedWhileOtherGroupsAreServed() {
        String url = fifo(Map.of());
        send(url, "A", "a1");
        send(url, "A", "a2");
        send(url, "B", "b1");
        send(url, "C", "c1");
        List<Message> first = receive(url, 1);
        assertEquals(List.of("a1"), bodies(first));
        List<Message> others = receive(url, 10);
        assertEquals(List.of("b1", "c1"), bodies(others), "A is blocked while a1 is in flight; one receive serves several groups");
        assertEquals(0, receive(url, 10).size());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.getFirst().receiptHandle()));
        assertEquals(List.of("a2"), bodies(receive(url, 10)));
    }

    @Test
    void aMessageMadeVisibleAgainComesBeforeItsSuccessors() {
        String url = fifo(Map.of());
        send(url, "A", "a1");
        send(url, "A", "a2");
        List<Message> got = receive(url, 1);
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(got.getFirst().receiptHandle()).visibilityTimeout(0));
        List<Message> again = receive(url, 10);
        assertEquals("a1", again.getFirst().body());
        assertEquals("2", again.getFirst().attributesAsStrings().get("ApproximateReceiveCount"));
    }

    @Test
    void explicitDeduplicationIdDropsDuplicatesEvenAfterDelete() {
        String url = fifo(Map.of());
        SendMessageResponse one = sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("first").messageDeduplicationId("d-1"));
        SendMessageResponse two = sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("second").messageDeduplicationId("d-1"));
        assertEquals(one.messageId(), two.messageId(), "a duplicate answers with the original message's id");
        List<Message> got = receive(url, 10);
        assertEquals(List.of("first"), bodies(got));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.getFirst().receiptHandle()));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("third").messageDeduplicationId("d-1"));
        assertEquals(0, receive(url, 10).size(), "still a duplicate within 5 minutes after the original was deleted");
        assertEquals("0", attrs(sqs, url).get("ApproximateNumberOfMessages"));
    }

    @Test
    void contentBasedDeduplicationAndExplicitIdWins() {
        String url = fifo(Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("same"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("same"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("same").messageDeduplicationId("explicit"));
        List<Message> got = receive(url, 10);
        assertEquals(List.of("same", "same"), bodies(got));
        assertEquals("explicit", got.get(1).attributesAsStrings().get("MessageDeduplicationId"));
        assertEquals(64, got.getFirst().attributesAsStrings().get("MessageDeduplicationId").length(), "SHA-256 hex of the body");
    }

    @Test
    void deduplicationScopedToTheMessageGroup() {
        String url = fifo(Map.of(QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
                QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g1").messageBody("x").messageDeduplicationId("d"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g2").messageBody("y").messageDeduplicationId("d"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g2").messageBody("z").messageDeduplicationId("d"));
        assertEquals(List.of("x", "y"), bodies(receive(url, 10)));
        fails("InvalidParameterValue", 400, () -> fifo(Map.of(QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId")));
    }

    @Test
    void missingGroupOrDeduplicationIdIsAnError() {
        String url = fifo(Map.of());
        fails("MissingParameter", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("d")));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")
                .messageDeduplicationId("d").delaySeconds(5)));
        fails("InvalidParameterValue", 400, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g".repeat(129))
                .messageDeduplicationId("d")));
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("nogroup").messageBody("x").messageDeduplicationId("d1").build(),
                SendMessageBatchRequestEntry.builder().id("delayed").messageBody("x").messageGroupId("g").messageDeduplicationId("d2").delaySeconds(3).build(),
                SendMessageBatchRequestEntry.builder().id("ok").messageBody("x").messageGroupId("g").messageDeduplicationId("d3").build()));
        assertEquals(List.of("ok"), r.successful().stream().map(e -> e.id()).toList());
        Map<String, String> codes = new HashMap<>();
        r.failed().forEach(f -> codes.put(f.id(), f.code()));
        assertEquals(Map.of("nogroup", "MissingParameter", "delayed", "InvalidParameterValue"), codes);
        // A zero per-message delay is no delay and is accepted.
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g").messageDeduplicationId("d4").delaySeconds(0));
    }

    @Test
    void sequenceNumbersIncreaseAcrossSendsAndBatches() {
        String url = fifo(Map.of());
        List<BigInteger> seqs = new ArrayList<>();
        seqs.add(new BigInteger(send(url, "g", "s0").sequenceNumber()));
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(1, 6)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("s" + i).messageGroupId(i % 2 == 0 ? "g" : "h")
                        .messageDeduplicationId("s" + i).build()).toList()));
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), r.successful().stream().map(e -> e.id()).toList());
        r.successful().forEach(e -> seqs.add(new BigInteger(e.sequenceNumber())));
        seqs.add(new BigInteger(send(url, "g", "s6").sequenceNumber()));
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i).compareTo(seqs.get(i - 1)) > 0, "increasing: " + seqs);
        }
        Map<String, String> bySeq = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            List<Message> got = receive(url, 10);
            for (Message m : got) {
                Map<String, String> a = m.attributesAsStrings();
                assertNotNull(a.get("SequenceNumber"));
                assertNotNull(a.get("MessageGroupId"));
                bySeq.put(m.body(), a.get("SequenceNumber"));
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        assertEquals(7, bySeq.size());
        assertEquals(seqs.getFirst(), new BigInteger(bySeq.get("s0")));
        assertEquals(seqs.getLast(), new BigInteger(bySeq.get("s6")));
    }

    @Test
    void fifoAttributesRules() {
        String url = fifo(Map.of());
        Map<String, String> a = attrs(sqs, url);
        assertEquals("true", a.get("FifoQueue"));
        assertEquals("false", a.get("ContentBasedDeduplication"));
        assertEquals("queue", a.get("DeduplicationScope"));
        assertEquals("perQueue", a.get("FifoThroughputLimit"));
        fails("InvalidAttributeValue", 400, () -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.DEDUPLICATION_SCOPE, "everything"))));
        String standard = create(sqs, name("std"));
        fails("InvalidAttributeName", 400, () -> sqs.setQueueAttributes(b -> b.queueUrl(standard)
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))));
    }

    @Test
    void aLongBlockedGroupDoesNotHideOtherGroups() {
        String url = fifo(Map.of());
        for (int batch = 0; batch < 15; batch++) {
            int base = batch * 10;
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(base, base + 10)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("a" + i).messageGroupId("A")
                            .messageDeduplicationId("a" + i).build()).toList()));
        }
        send(url, "B", "b0");
        assertEquals(List.of("a0"), bodies(receive(url, 1)));
        assertEquals(List.of("b0"), bodies(receive(url, 10)), "B is served although 149 messages of blocked A come first");
    }

    @Test
    void aLongPollWakesWhenDeletingUnblocksItsGroup() throws Exception {
        String url = fifo(Map.of());
        send(url, "A", "a1");
        send(url, "A", "a2");
        Message first = receive(url, 1).getFirst();
        try (var ex = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            var poll = ex.submit(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages());
            Thread.sleep(500);
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()));
            assertEquals(List.of("a2"), bodies(poll.get(20, java.util.concurrent.TimeUnit.SECONDS)),
                    "the wait returns a2 once a1 is deleted");
            assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(10),
                    "returned within its wait time, not at its end");
        }
    }

    @Test
    void receiveRequestAttemptIdReplaysTheSameMessagesAndHandles() {
        String url = fifo(Map.of());
        send(url, "A", "a1");
        send(url, "A", "a2");
        send(url, "B", "b1");
        List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).receiveRequestAttemptId("attempt-1")).messages();
        assertEquals(List.of("a1"), bodies(first));
        List<Message> retry = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).receiveRequestAttemptId("attempt-1")).messages();
        assertEquals(List.of("a1"), bodies(retry), "a retry answers the same messages");
        assertEquals(first.getFirst().receiptHandle(), retry.getFirst().receiptHandle(), "and the same receipt handles");
        assertEquals(List.of("b1"), bodies(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()),
                "other receives still see A blocked");
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.getFirst().receiptHandle()));
        List<Message> afterDelete = sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("attempt-1")).messages();
        assertEquals(List.of("a2"), bodies(afterDelete), "once a message of the attempt changed, the id starts a new receive");
        fails("InvalidParameterValue", 400, () -> sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("x".repeat(129))));
        fails("InvalidParameterValue", 400, () -> sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("no spaces")));
    }

    @Test
    void duplicatesWithinOneBatchAreDroppedAndEntriesKeepTheirOrder() {
        String url = fifo(Map.of());
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("first").messageGroupId("g").messageDeduplicationId("d").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("second").messageGroupId("g").messageDeduplicationId("e").build(),
                SendMessageBatchRequestEntry.builder().id("c").messageBody("dup").messageGroupId("g").messageDeduplicationId("d").build()));
        assertEquals(3, r.successful().size());
        assertEquals(r.successful().get(0).messageId(), r.successful().get(2).messageId());
        assertEquals(List.of("first", "second"), bodies(receive(url, 10)));
    }
}
