package io.haneul.it.sqs;

import io.haneul.it.support.MutableClock;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.haneul.it.sqs.SqsV2.ACCOUNT_A;
import static io.haneul.it.sqs.SqsV2.attrs;
import static io.haneul.it.sqs.SqsV2.create;
import static io.haneul.it.sqs.SqsV2.fails;
import static io.haneul.it.sqs.SqsV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time-bound SQS rules on a server whose clock the test moves forward (retention, visibility and
 * delay expiry, the 5-minute deduplication window, the 60-second cooldowns, the 12-hour visibility
 * limit). The clock only moves forward, so tests sharing the server stay independent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsClockSdkV2IT {

    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static SqsClient sqs;

    /** The server the tests run against; the *PostgresIT subclasses start one on PostgreSQL. */
    TestServer newServer() {
        return TestServer.start(CLOCK);
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

    static List<Message> receive(String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    @Test
    void messagesOlderThanTheRetentionPeriodDisappear() {
        String url = create(sqs, name("retention"), Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("old"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("old in flight"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("old delayed").delaySeconds(120));
        sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(600));
        CLOCK.advance(Duration.ofSeconds(30));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("young"));
        CLOCK.advance(Duration.ofSeconds(31));
        Map<String, String> c = attrs(sqs, url);
        assertEquals("1", c.get("ApproximateNumberOfMessages"), "expired messages are not counted: " + c);
        assertEquals("0", c.get("ApproximateNumberOfMessagesNotVisible"), "expired in-flight messages are gone: " + c);
        assertEquals("0", c.get("ApproximateNumberOfMessagesDelayed"), "expired delayed messages are gone: " + c);
        assertEquals(List.of("young"), receive(url).stream().map(Message::body).toList());
        CLOCK.advance(Duration.ofSeconds(120));
        assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().size());
    }

    @Test
    void visibilityTimeoutAndDelayExpire() {
        String url = create(sqs, name("expire"), Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "40"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("d").delaySeconds(900));
        assertEquals(List.of("m"), receive(url).stream().map(Message::body).toList());
        assertEquals(0, receive(url).size());
        CLOCK.advance(Duration.ofSeconds(41));
        List<Message> again = receive(url);
        assertEquals(List.of("m"), again.stream().map(Message::body).toList());
        assertEquals("2", again.getFirst().attributesAsStrings().get("ApproximateReceiveCount"));
        CLOCK.advance(Duration.ofSeconds(900));
        assertEquals(List.of("m", "d"), receive(url).stream().map(Message::body).sorted().toList().reversed());
    }

    @Test
    void visibilityMayNotExceedTwelveHoursSinceTheReceive() {
        String url = create(sqs, name("twelve"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(43_200)).messages().getFirst();
        CLOCK.advance(Duration.ofHours(11));
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(3000));
        fails("InvalidParameterValue", 400, () -> sqs.changeMessageVisibility(b -> b.queueUrl(url)
                .receiptHandle(m.receiptHandle()).visibilityTimeout(3601 + 60)));
    }

    @Test
    void deduplicationWindowIsFiveMinutes() {
        String url = create(sqs, name("dedup") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("a").messageDeduplicationId("same"));
        CLOCK.advance(Duration.ofSeconds(200));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("b").messageDeduplicationId("same"));
        CLOCK.advance(Duration.ofSeconds(101));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("c").messageDeduplicationId("same"));
        assertEquals(List.of("a", "c"), receive(url).stream().map(Message::body).toList());
    }

    @Test
    void purgeAndDeleteCooldownsEndAfterSixtySeconds() {
        String url = create(sqs, name("cool"));
        sqs.purgeQueue(b -> b.queueUrl(url));
        fails("AWS.SimpleQueueService.PurgeQueueInProgress", 403, () -> sqs.purgeQueue(b -> b.queueUrl(url)));
        CLOCK.advance(Duration.ofSeconds(61));
        sqs.purgeQueue(b -> b.queueUrl(url));

        String name = name("recreate");
        String first = create(sqs, name);
        sqs.deleteQueue(b -> b.queueUrl(first));
        fails("AWS.SimpleQueueService.QueueDeletedRecently", 400, () -> create(sqs, name));
        CLOCK.advance(Duration.ofSeconds(61));
        assertEquals(first, create(sqs, name));
        assertEquals("0", attrs(sqs, first).get("ApproximateNumberOfMessages"));
    }

    @Test
    void deadLetteringKeepsTheEnqueueTimeOnStandardQueuesAndResetsItOnFifo() {
        for (boolean fifo : new boolean[]{false, true}) {
            String suffix = fifo ? ".fifo" : "";
            Map<QueueAttributeName, String> dlqAttrs = new java.util.HashMap<>(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"));
            Map<QueueAttributeName, String> srcAttrs = new java.util.HashMap<>();
            if (fifo) {
                dlqAttrs.put(QueueAttributeName.FIFO_QUEUE, "true");
                srcAttrs.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            String dlq = create(sqs, name("rdlq") + suffix, dlqAttrs);
            srcAttrs.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + SqsV2.arn(sqs, dlq) + "\",\"maxReceiveCount\":1}");
            String src = create(sqs, name("rsrc") + suffix, srcAttrs);
            sqs.sendMessage(b -> {
                b.queueUrl(src).messageBody("aging");
                if (fifo) {
                    b.messageGroupId("g").messageDeduplicationId("aging");
                }
            });
            CLOCK.advance(Duration.ofSeconds(50));
            assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(src).visibilityTimeout(0)).messages().size());
            assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(src).visibilityTimeout(0)).messages().size(), "moved to the DLQ");
            CLOCK.advance(Duration.ofSeconds(20));
            // 70 s after the send, 20 s after the move; the DLQ keeps messages 60 s.
            assertEquals(fifo ? 1 : 0, sqs.receiveMessage(b -> b.queueUrl(dlq)).messages().size(), fifo ? "FIFO: reset" : "standard: kept");
        }
    }

    @Test
    void expiredMessagesAtTheHeadDoNotHideYoungerOnes() {
        String url = create(sqs, name("expired-head"), Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"));
        for (int batch = 0; batch < 3; batch++) {
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(0, 10)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("old").build()).toList()));
        }
        CLOCK.advance(Duration.ofSeconds(61));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("young"));
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages();
        assertEquals(List.of("young"), got.stream().map(Message::body).toList());
    }

    @Test
    void aRetriedReceiveAttemptRestartsTheVisibilityTimeoutWithinFiveMinutes() {
        String url = create(sqs, name("attempt") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("m"));
        String handle = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30).receiveRequestAttemptId("r1"))
                .messages().getFirst().receiptHandle();
        CLOCK.advance(Duration.ofSeconds(20));
        assertEquals(handle, sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30).receiveRequestAttemptId("r1"))
                .messages().getFirst().receiptHandle());
        CLOCK.advance(Duration.ofSeconds(20));
        assertEquals("1", attrs(sqs, url).get("ApproximateNumberOfMessagesNotVisible"), "visible again 30 s after the retry, not the first receive");
        CLOCK.advance(Duration.ofSeconds(300));
        List<Message> fresh = sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("r1")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertEquals("2", fresh.getFirst().attributesAsStrings().get("ApproximateReceiveCount"), "after 5 minutes the id is new again");
        org.junit.jupiter.api.Assertions.assertNotEquals(handle, fresh.getFirst().receiptHandle());
    }
}
