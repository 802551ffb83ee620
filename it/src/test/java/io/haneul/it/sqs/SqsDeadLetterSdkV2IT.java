package io.haneul.it.sqs;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

import static io.haneul.it.sqs.SqsV2.ACCOUNT_A;
import static io.haneul.it.sqs.SqsV2.arn;
import static io.haneul.it.sqs.SqsV2.attrs;
import static io.haneul.it.sqs.SqsV2.create;
import static io.haneul.it.sqs.SqsV2.eventually;
import static io.haneul.it.sqs.SqsV2.fails;
import static io.haneul.it.sqs.SqsV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dead-letter queues and message move tasks through the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsDeadLetterSdkV2IT {

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

    record Pair(String source, String sourceArn, String dlq, String dlqArn) {
    }

    static Pair pair(int maxReceiveCount) {
        String dlq = create(sqs, name("dlq"));
        String dlqArn = arn(sqs, dlq);
        String source = create(sqs, name("src"), Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}"));
        return new Pair(source, arn(sqs, source), dlq, dlqArn);
    }

    static List<Message> receive(String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        Pair p = pair(2);
        sqs.sendMessage(b -> b.queueUrl(p.source()).messageBody("poison"));
        assertEquals(1, receive(p.source()).size());
        assertEquals(1, receive(p.source()).size());
        assertEquals(0, receive(p.source()).size(), "third receive would exceed maxReceiveCount: moved instead");
        Map<String, String> srcCounts = attrs(sqs, p.source());
        assertEquals("0", srcCounts.get("ApproximateNumberOfMessages"));
        assertEquals("0", srcCounts.get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals("1", attrs(sqs, p.dlq()).get("ApproximateNumberOfMessages"));
        List<Message> dead = receive(p.dlq());
        assertEquals(1, dead.size());
        assertEquals("poison", dead.getFirst().body());
        assertEquals(p.sourceArn(), dead.getFirst().attributesAsStrings().get("DeadLetterQueueSourceArn"));
    }

    @Test
    void listDeadLetterSourceQueues() {
        Pair p = pair(3);
        String second = create(sqs, name("src2"), Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + p.dlqArn() + "\",\"maxReceiveCount\":3}"));
        List<String> sources = sqs.listDeadLetterSourceQueues(b -> b.queueUrl(p.dlq())).queueUrls();
        assertEquals(2, sources.size());
        assertTrue(sources.containsAll(List.of(p.source(), second)), sources::toString);
        assertEquals(List.of(), sqs.listDeadLetterSourceQueues(b -> b.queueUrl(p.source())).queueUrls());
        var page = sqs.listDeadLetterSourceQueues(b -> b.queueUrl(p.dlq()).maxResults(1));
        assertEquals(1, page.queueUrls().size());
        assertNotNull(page.nextToken());
        var rest = sqs.listDeadLetterSourceQueues(b -> b.queueUrl(p.dlq()).maxResults(1).nextToken(page.nextToken()));
        assertEquals(1, rest.queueUrls().size());
        assertTrue(!rest.queueUrls().equals(page.queueUrls()));
    }

    @Test
    void redrivePolicyRules() {
        String fifoDlq = create(sqs, name("fdlq") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        String fifoDlqArn = arn(sqs, fifoDlq);
        fails("InvalidParameterValue", 400, () -> create(sqs, name("mismatch"), Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + fifoDlqArn + "\",\"maxReceiveCount\":3}")));
        fails("InvalidParameterValue", 400, () -> create(sqs, name("missing"), Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:" + ACCOUNT_A + ":no-such-queue\",\"maxReceiveCount\":3}")));
        fails("InvalidParameterValue", 400, () -> create(sqs, name("count"), Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + fifoDlqArn + "\",\"maxReceiveCount\":0}")));
    }

    @Test
    void moveTaskRedrivesToTheSourceQueues() throws Exception {
        Pair p = pair(1);
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(p.source()).messageBody("m" + n));
        }
        for (int i = 0; i < 3; i++) {
            receive(p.source());
        }
        eventually(10, "3 messages in the DLQ", () -> {
            receive(p.source());
            return "3".equals(attrs(sqs, p.dlq()).get("ApproximateNumberOfMessages"));
        });
        fails("InvalidParameterValue", 400, () -> sqs.startMessageMoveTask(b -> b.sourceArn(p.sourceArn())));
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(p.dlqArn())).taskHandle();
        assertNotNull(handle);
        eventually(30, "move task COMPLETED", () -> {
            List<ListMessageMoveTasksResultEntry> tasks = sqs.listMessageMoveTasks(b -> b.sourceArn(p.dlqArn())).results();
            return !tasks.isEmpty() && "COMPLETED".equals(tasks.getFirst().status());
        });
        ListMessageMoveTasksResultEntry done = sqs.listMessageMoveTasks(b -> b.sourceArn(p.dlqArn()).maxResults(10)).results().getFirst();
        assertEquals(3L, done.approximateNumberOfMessagesMoved());
        assertEquals(p.dlqArn(), done.sourceArn());
        assertNotNull(done.startedTimestamp());
        assertEquals("0", attrs(sqs, p.dlq()).get("ApproximateNumberOfMessages"));
        assertEquals("3", attrs(sqs, p.source()).get("ApproximateNumberOfMessages"));
        var e = fails("AWS.SimpleQueueService.UnsupportedOperation", 400, () -> sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)));
        assertNotNull(e.getMessage());
        fails("ResourceNotFoundException", 404, () -> sqs.cancelMessageMoveTask(b -> b.taskHandle("no-such-task")));
    }

    @Test
    void moveTaskToAnExplicitDestination() throws Exception {
        Pair p = pair(1);
        String dest = create(sqs, name("dest"));
        sqs.sendMessage(b -> b.queueUrl(p.source()).messageBody("to-dest"));
        receive(p.source());
        eventually(10, "message in the DLQ", () -> {
            receive(p.source());
            return "1".equals(attrs(sqs, p.dlq()).get("ApproximateNumberOfMessages"));
        });
        sqs.startMessageMoveTask(b -> b.sourceArn(p.dlqArn()).destinationArn(arn(sqs, dest)).maxNumberOfMessagesPerSecond(10));
        eventually(30, "message at the destination", () -> "1".equals(attrs(sqs, dest).get("ApproximateNumberOfMessages")));
        ListMessageMoveTasksResultEntry t = sqs.listMessageMoveTasks(b -> b.sourceArn(p.dlqArn())).results().getFirst();
        assertEquals(arn(sqs, dest), t.destinationArn());
        assertEquals(10, t.maxNumberOfMessagesPerSecond());
        fails("InvalidParameterValue", 400, () -> sqs.startMessageMoveTask(b -> b.sourceArn(p.dlqArn()).maxNumberOfMessagesPerSecond(501)));
    }

    @Test
    void cancelARunningMoveTaskAndOnlyOneActiveTaskPerQueue() throws Exception {
        Pair p = pair(1);
        for (int i = 0; i < 6; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(p.source()).messageBody("slow" + n));
        }
        eventually(10, "6 messages in the DLQ", () -> {
            receive(p.source());
            return "6".equals(attrs(sqs, p.dlq()).get("ApproximateNumberOfMessages"));
        });
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(p.dlqArn()).maxNumberOfMessagesPerSecond(1)).taskHandle();
        ListMessageMoveTasksResultEntry running = sqs.listMessageMoveTasks(b -> b.sourceArn(p.dlqArn())).results().getFirst();
        assertEquals("RUNNING", running.status());
        assertEquals(handle, running.taskHandle());
        assertEquals(6L, running.approximateNumberOfMessagesToMove());
        fails("AWS.SimpleQueueService.UnsupportedOperation", 400, () -> sqs.startMessageMoveTask(b -> b.sourceArn(p.dlqArn())));
        long moved = sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)).approximateNumberOfMessagesMoved();
        assertTrue(moved < 6, "cancelled before the end: " + moved);
        eventually(10, "task CANCELLED", () -> "CANCELLED".equals(sqs.listMessageMoveTasks(b -> b.sourceArn(p.dlqArn()))
                .results().getFirst().status()));
        Thread.sleep(1500);
        assertTrue(Integer.parseInt(attrs(sqs, p.dlq()).get("ApproximateNumberOfMessages")) > 0, "the cancelled task stopped moving");
        // A new task may start once the earlier one is no longer active.
        assertNotNull(sqs.startMessageMoveTask(b -> b.sourceArn(p.dlqArn())).taskHandle());
    }

    @Test
    void onlyADeadLetterQueueCanBeAMoveTaskSource() {
        // A queue whose Policy names its own ARN, and one whose name extends a DLQ's, are not dead-letter queues.
        String plain = create(sqs, name("plain"));
        sqs.addPermission(b -> b.queueUrl(plain).label("l").awsAccountIds("999999999999").actions("SendMessage"));
        fails("InvalidParameterValue", 400, () -> sqs.startMessageMoveTask(b -> b.sourceArn(arn(sqs, plain))));
        String base = name("prefix");
        String shorter = create(sqs, base);
        String longer = create(sqs, base + "2");
        create(sqs, name("src"), Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn(sqs, longer) + "\",\"maxReceiveCount\":3}"));
        fails("InvalidParameterValue", 400, () -> sqs.startMessageMoveTask(b -> b.sourceArn(arn(sqs, shorter))));
        assertEquals(List.of(), sqs.listDeadLetterSourceQueues(b -> b.queueUrl(shorter)).queueUrls());
    }
}
