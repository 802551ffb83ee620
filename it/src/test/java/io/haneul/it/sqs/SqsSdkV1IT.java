package io.haneul.it.sqs;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.AmazonSQSException;
import com.amazonaws.services.sqs.model.BatchResultErrorEntry;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchResult;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import com.amazonaws.services.sqs.model.DeleteMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.DeleteMessageBatchResult;
import com.amazonaws.services.sqs.model.GetQueueAttributesRequest;
import com.amazonaws.services.sqs.model.ListQueuesRequest;
import com.amazonaws.services.sqs.model.ListQueuesResult;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.MessageAttributeValue;
import com.amazonaws.services.sqs.model.MessageSystemAttributeValue;
import com.amazonaws.services.sqs.model.QueueDoesNotExistException;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.SendMessageBatchResult;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageResult;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.haneul.it.sqs.SqsV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQS through the AWS SDK for Java v1: the legacy query protocol with XML answers, requests posted
 * to the queue URL's path, and MD5 checks on send and receive.
 */
class SqsSdkV1IT {

    static final String ACCOUNT = "333333333333";
    static TestServer server;
    static AmazonSQS sqs;

    @BeforeAll
    static void start() {
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        server = TestServer.start();
        sqs = AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(server.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCOUNT, "secret")))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.shutdown();
        server.close();
    }

    static Map<String, MessageAttributeValue> attributes() {
        return Map.of(
                "s", new MessageAttributeValue().withDataType("String").withStringValue("v1 ✓"),
                "n", new MessageAttributeValue().withDataType("Number").withStringValue("3.14"),
                "b", new MessageAttributeValue().withDataType("Binary").withBinaryValue(ByteBuffer.wrap(new byte[]{9, 8, 7, 0, -1})),
                "c", new MessageAttributeValue().withDataType("String.custom").withStringValue("labelled"));
    }

    @Test
    void coreFlow() {
        String name = name("v1");
        String url = sqs.createQueue(new CreateQueueRequest(name).withAttributes(Map.of("VisibilityTimeout", "45"))).getQueueUrl();
        assertEquals(server.endpoint() + "/" + ACCOUNT + "/" + name, url);
        assertEquals(url, sqs.getQueueUrl(name).getQueueUrl());
        ListQueuesResult listed = sqs.listQueues(new ListQueuesRequest().withQueueNamePrefix(name));
        assertEquals(List.of(url), listed.getQueueUrls());

        // The v1 SDK checks MD5OfMessageBody and MD5OfMessageAttributes of the answer.
        SendMessageResult sent = sqs.sendMessage(new SendMessageRequest(url, "hello from v1 — ünïcödé")
                .withMessageAttributes(attributes())
                .withMessageSystemAttributes(Map.of("AWSTraceHeader", new MessageSystemAttributeValue().withDataType("String")
                        .withStringValue("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"))));
        assertNotNull(sent.getMessageId());
        assertNotNull(sent.getMD5OfMessageAttributes());
        assertNotNull(sent.getMD5OfMessageSystemAttributes());

        List<Message> got = sqs.receiveMessage(new ReceiveMessageRequest(url).withMessageAttributeNames("All")
                .withAttributeNames("All").withMaxNumberOfMessages(10)).getMessages();
        assertEquals(1, got.size());
        Message m = got.getFirst();
        assertEquals(sent.getMessageId(), m.getMessageId());
        assertEquals("hello from v1 — ünïcödé", m.getBody());
        assertEquals(attributes(), m.getMessageAttributes());
        assertEquals(sent.getMD5OfMessageAttributes(), m.getMD5OfMessageAttributes());
        assertEquals("1", m.getAttributes().get("ApproximateReceiveCount"));
        assertEquals(ACCOUNT, m.getAttributes().get("SenderId"));
        assertNotNull(m.getAttributes().get("SentTimestamp"));
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", m.getAttributes().get("AWSTraceHeader"));

        Map<String, String> attrs = sqs.getQueueAttributes(new GetQueueAttributesRequest(url).withAttributeNames("All")).getAttributes();
        assertEquals("45", attrs.get("VisibilityTimeout"));
        assertEquals("0", attrs.get("ApproximateNumberOfMessages"));
        assertEquals("1", attrs.get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals("arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name, attrs.get("QueueArn"));

        sqs.deleteMessage(url, m.getReceiptHandle());
        assertEquals("0", sqs.getQueueAttributes(url, List.of("ApproximateNumberOfMessagesNotVisible")).getAttributes()
                .get("ApproximateNumberOfMessagesNotVisible"));
        sqs.setQueueAttributes(url, Map.of("DelaySeconds", "5"));
        assertEquals("5", sqs.getQueueAttributes(url, List.of("DelaySeconds")).getAttributes().get("DelaySeconds"));
        sqs.tagQueue(url, Map.of("k", "v"));
        assertEquals(Map.of("k", "v"), sqs.listQueueTags(url).getTags());
        sqs.deleteQueue(url);
        assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(name));
    }

    @Test
    void batches() {
        String url = sqs.createQueue(name("v1batch")).getQueueUrl();
        SendMessageBatchResult r = sqs.sendMessageBatch(url, List.of(
                new SendMessageBatchRequestEntry("one", "first").withMessageAttributes(attributes()),
                new SendMessageBatchRequestEntry("bad", "bad \u0002"),
                new SendMessageBatchRequestEntry("two", "second")));
        assertEquals(List.of("one", "two"), r.getSuccessful().stream().map(e -> e.getId()).toList());
        assertEquals(1, r.getFailed().size());
        BatchResultErrorEntry bad = r.getFailed().getFirst();
        assertEquals("bad", bad.getId());
        assertEquals("InvalidMessageContents", bad.getCode());
        assertTrue(bad.getSenderFault());

        List<Message> got = sqs.receiveMessage(new ReceiveMessageRequest(url).withMaxNumberOfMessages(10)
                .withMessageAttributeNames("All").withWaitTimeSeconds(1)).getMessages();
        assertEquals(2, got.size());
        ChangeMessageVisibilityBatchResult cv = sqs.changeMessageVisibilityBatch(url, List.of(
                new ChangeMessageVisibilityBatchRequestEntry("a", got.get(0).getReceiptHandle()).withVisibilityTimeout(100),
                new ChangeMessageVisibilityBatchRequestEntry("b", "garbage").withVisibilityTimeout(100)));
        assertEquals(1, cv.getSuccessful().size());
        assertEquals("ReceiptHandleIsInvalid", cv.getFailed().getFirst().getCode());
        DeleteMessageBatchResult d = sqs.deleteMessageBatch(url, List.of(
                new DeleteMessageBatchRequestEntry("x", got.get(0).getReceiptHandle()),
                new DeleteMessageBatchRequestEntry("y", got.get(1).getReceiptHandle())));
        assertEquals(2, d.getSuccessful().size());
        assertEquals(0, d.getFailed().size());

        AmazonSQSException dup = assertThrows(AmazonSQSException.class, () -> sqs.sendMessageBatch(url, List.of(
                new SendMessageBatchRequestEntry("same", "1"), new SendMessageBatchRequestEntry("same", "2"))));
        assertEquals("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", dup.getErrorCode());
        assertEquals(400, dup.getStatusCode());
    }

    @Test
    void errorsCarryTheLegacyCodes() {
        AmazonSQSException e = assertThrows(AmazonSQSException.class, () -> sqs.getQueueUrl("no-such-queue-v1"));
        assertInstanceOf(QueueDoesNotExistException.class, e);
        assertEquals("AWS.SimpleQueueService.NonExistentQueue", e.getErrorCode());
        assertEquals(400, e.getStatusCode());
        assertNotNull(e.getRequestId());

        String name = name("v1err");
        String url = sqs.createQueue(new CreateQueueRequest(name).withAttributes(Map.of("DelaySeconds", "1"))).getQueueUrl();
        AmazonSQSException exists = assertThrows(AmazonSQSException.class,
                () -> sqs.createQueue(new CreateQueueRequest(name).withAttributes(Map.of("DelaySeconds", "2"))));
        assertEquals("QueueAlreadyExists", exists.getErrorCode());
        AmazonSQSException handle = assertThrows(AmazonSQSException.class, () -> sqs.deleteMessage(url, "nonsense"));
        assertEquals("ReceiptHandleIsInvalid", handle.getErrorCode());
        assertEquals(404, handle.getStatusCode());
        AmazonSQSException attr = assertThrows(AmazonSQSException.class, () -> sqs.setQueueAttributes(url, Map.of("VisibilityTimeout", "-5")));
        assertEquals("InvalidAttributeValue", attr.getErrorCode());
        sqs.purgeQueue(new com.amazonaws.services.sqs.model.PurgeQueueRequest(url));
        AmazonSQSException purge = assertThrows(AmazonSQSException.class,
                () -> sqs.purgeQueue(new com.amazonaws.services.sqs.model.PurgeQueueRequest(url)));
        assertEquals("AWS.SimpleQueueService.PurgeQueueInProgress", purge.getErrorCode());
        assertEquals(403, purge.getStatusCode());
    }

    @Test
    void fifoThroughTheQueryProtocol() {
        String url = sqs.createQueue(new CreateQueueRequest(name("v1") + ".fifo")
                .withAttributes(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"))).getQueueUrl();
        SendMessageResult a = sqs.sendMessage(new SendMessageRequest(url, "a").withMessageGroupId("g"));
        SendMessageResult dup = sqs.sendMessage(new SendMessageRequest(url, "a").withMessageGroupId("g"));
        SendMessageResult b = sqs.sendMessage(new SendMessageRequest(url, "b").withMessageGroupId("g"));
        assertNotNull(a.getSequenceNumber());
        assertEquals(a.getMessageId(), dup.getMessageId());
        assertTrue(new java.math.BigInteger(b.getSequenceNumber()).compareTo(new java.math.BigInteger(a.getSequenceNumber())) > 0);
        List<Message> got = sqs.receiveMessage(new ReceiveMessageRequest(url).withMaxNumberOfMessages(10)
                .withAttributeNames("All")).getMessages();
        assertEquals(List.of("a", "b"), got.stream().map(Message::getBody).toList());
        assertEquals("g", got.getFirst().getAttributes().get("MessageGroupId"));
        assertEquals(a.getSequenceNumber(), got.getFirst().getAttributes().get("SequenceNumber"));
        assertEquals(StandardCharsets.UTF_8.name(), "UTF-8");
    }

    @Test
    void permissionsTagsDeadLettersAndMoveTasks() throws Exception {
        String dlq = sqs.createQueue(new CreateQueueRequest(name("v1dlq")).withTags(Map.of("a", "1", "b", "2"))).getQueueUrl();
        assertEquals(Map.of("a", "1", "b", "2"), sqs.listQueueTags(dlq).getTags());
        sqs.untagQueue(new com.amazonaws.services.sqs.model.UntagQueueRequest(dlq, List.of("a")));
        assertEquals(Map.of("b", "2"), sqs.listQueueTags(dlq).getTags());

        sqs.addPermission(dlq, "v1label", List.of("444444444444", "555555555555"), List.of("SendMessage", "GetQueueAttributes"));
        String policy = sqs.getQueueAttributes(dlq, List.of("Policy")).getAttributes().get("Policy");
        assertTrue(policy.contains("arn:aws:iam::444444444444:root") && policy.contains("arn:aws:iam::555555555555:root"), policy);
        assertTrue(policy.contains("SQS:GetQueueAttributes"), policy);
        sqs.removePermission(dlq, "v1label");
        assertEquals(null, sqs.getQueueAttributes(dlq, List.of("Policy")).getAttributes().get("Policy"));

        String dlqArn = sqs.getQueueAttributes(dlq, List.of("QueueArn")).getAttributes().get("QueueArn");
        String src = sqs.createQueue(new CreateQueueRequest(name("v1src")).withAttributes(Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1}"))).getQueueUrl();
        assertEquals(List.of(src), sqs.listDeadLetterSourceQueues(new com.amazonaws.services.sqs.model.ListDeadLetterSourceQueuesRequest()
                .withQueueUrl(dlq)).getQueueUrls());
        sqs.sendMessage(src, "poison");
        assertEquals(1, sqs.receiveMessage(new ReceiveMessageRequest(src).withVisibilityTimeout(0)).getMessages().size());
        assertEquals(0, sqs.receiveMessage(new ReceiveMessageRequest(src).withVisibilityTimeout(0)).getMessages().size());
        List<Message> dead = sqs.receiveMessage(new ReceiveMessageRequest(dlq).withVisibilityTimeout(0)
                .withMessageSystemAttributeNames("DeadLetterQueueSourceArn", "ApproximateReceiveCount")).getMessages();
        assertEquals(1, dead.size());
        String srcArn = sqs.getQueueAttributes(src, List.of("QueueArn")).getAttributes().get("QueueArn");
        assertEquals(srcArn, dead.getFirst().getAttributes().get("DeadLetterQueueSourceArn"));

        String handle = sqs.startMessageMoveTask(new com.amazonaws.services.sqs.model.StartMessageMoveTaskRequest()
                .withSourceArn(dlqArn).withMaxNumberOfMessagesPerSecond(50)).getTaskHandle();
        assertNotNull(handle);
        SqsV2.eventually(30, "move task COMPLETED", () -> sqs.listMessageMoveTasks(new com.amazonaws.services.sqs.model
                .ListMessageMoveTasksRequest().withSourceArn(dlqArn).withMaxResults(10)).getResults().stream()
                .anyMatch(t -> "COMPLETED".equals(t.getStatus()) && t.getApproximateNumberOfMessagesMoved() == 1L));
        assertEquals(List.of("poison"), sqs.receiveMessage(src).getMessages().stream().map(Message::getBody).toList());
        AmazonSQSException cancel = assertThrows(AmazonSQSException.class, () -> sqs.cancelMessageMoveTask(
                new com.amazonaws.services.sqs.model.CancelMessageMoveTaskRequest().withTaskHandle(handle)));
        assertEquals("AWS.SimpleQueueService.UnsupportedOperation", cancel.getErrorCode());
    }

    @Test
    void visibilityAndPurgeThroughTheQueryProtocol() {
        String url = sqs.createQueue(name("v1vis")).getQueueUrl();
        sqs.sendMessageBatch(url, List.of(new SendMessageBatchRequestEntry("a", "1"), new SendMessageBatchRequestEntry("b", "2")
                .withDelaySeconds(600)));
        Message m = sqs.receiveMessage(new ReceiveMessageRequest(url).withVisibilityTimeout(600)).getMessages().getFirst();
        Map<String, String> c = sqs.getQueueAttributes(url, List.of("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed")).getAttributes();
        assertEquals(Map.of("ApproximateNumberOfMessages", "0", "ApproximateNumberOfMessagesNotVisible", "1",
                "ApproximateNumberOfMessagesDelayed", "1"), c);
        sqs.changeMessageVisibility(url, m.getReceiptHandle(), 0);
        AmazonSQSException notInFlight = assertThrows(AmazonSQSException.class, () -> sqs.changeMessageVisibility(url, m.getReceiptHandle(), 10));
        assertEquals("AWS.SimpleQueueService.MessageNotInflight", notInFlight.getErrorCode());
        assertEquals(1, sqs.receiveMessage(url).getMessages().size());
    }
}
