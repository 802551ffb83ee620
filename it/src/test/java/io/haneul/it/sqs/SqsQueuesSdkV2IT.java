package io.haneul.it.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.haneul.it.sqs.SqsV2.ACCOUNT_A;
import static io.haneul.it.sqs.SqsV2.ACCOUNT_B;
import static io.haneul.it.sqs.SqsV2.attrs;
import static io.haneul.it.sqs.SqsV2.create;
import static io.haneul.it.sqs.SqsV2.fails;
import static io.haneul.it.sqs.SqsV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQS queue lifecycle, attributes, tags, permissions and accounts through the AWS SDK for Java v2 (JSON protocol). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsQueuesSdkV2IT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static SqsClient sqs;
    static SqsClient other;

    /** The server the tests run against; the *PostgresIT subclasses start one on PostgreSQL. */
    TestServer newServer() {
        return TestServer.start();
    }

    @BeforeAll
    void start() {
        server = newServer();
        sqs = SqsV2.client(server, ACCOUNT_A);
        other = SqsV2.client(server, ACCOUNT_B);
    }

    @AfterAll
    void stop() throws Exception {
        sqs.close();
        other.close();
        server.close();
    }

    @Test
    void createGetUrlListAndDelete() {
        String name = name("life");
        String url = create(sqs, name);
        assertEquals(server.endpoint() + "/" + ACCOUNT_A + "/" + name, url);
        assertEquals(url, sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        assertTrue(sqs.listQueues().queueUrls().contains(url));
        Map<String, String> a = attrs(sqs, url);
        assertEquals("arn:aws:sqs:us-east-1:" + ACCOUNT_A + ":" + name, a.get("QueueArn"));
        assertEquals("30", a.get("VisibilityTimeout"));
        assertEquals("0", a.get("ApproximateNumberOfMessages"));
        assertNotNull(a.get("CreatedTimestamp"));
        assertNotNull(a.get("LastModifiedTimestamp"));

        sqs.deleteQueue(b -> b.queueUrl(url));
        assertFalse(sqs.listQueues().queueUrls().contains(url));
        QueueDoesNotExistException e = (QueueDoesNotExistException) fails("AWS.SimpleQueueService.NonExistentQueue", 400,
                () -> sqs.getQueueUrl(b -> b.queueName(name)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> sqs.getQueueAttributes(b -> b.queueUrl(url)));
    }

    @Test
    void listQueuesByPrefixWithPagination() {
        String prefix = name("page");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(create(sqs, prefix + "-" + i));
        }
        create(sqs, name("unrelated"));
        assertEquals(made, sqs.listQueues(b -> b.queueNamePrefix(prefix)).queueUrls());

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListQueuesResponse page = sqs.listQueues(b -> b.queueNamePrefix(prefix).maxResults(2).nextToken(t));
            assertTrue(page.queueUrls().size() <= 2);
            seen.addAll(page.queueUrls());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertEquals(made, seen);
        assertEquals(3, pages);
        fails("InvalidParameterValue", 400, () -> sqs.listQueues(b -> b.maxResults(1001)));
    }

    @Test
    void createQueueIsIdempotentForSameAttributesOnly() {
        String name = name("idem");
        String url = create(sqs, name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"));
        assertEquals(url, create(sqs, name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45")));
        assertEquals(url, create(sqs, name));
        var e = fails("QueueAlreadyExists", 400, () -> create(sqs, name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "46")));
        assertTrue(e.getMessage().contains("VisibilityTimeout"), e.getMessage());
    }

    @Test
    void recreatingWithinSixtySecondsOfDeleteIsRefused() {
        String name = name("recent");
        String url = create(sqs, name);
        sqs.deleteQueue(b -> b.queueUrl(url));
        fails("AWS.SimpleQueueService.QueueDeletedRecently", 400, () -> create(sqs, name));
    }

    @Test
    void invalidQueueNamesAreRejected() {
        fails("InvalidParameterValue", 400, () -> create(sqs, "bad name"));
        fails("InvalidParameterValue", 400, () -> create(sqs, "x".repeat(81)));
        fails("InvalidParameterValue", 400, () -> create(sqs, name("std") + ".fifo"));
        fails("InvalidParameterValue", 400, () -> create(sqs, name("nofifo"), Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
    }

    @Test
    void everySettableAttributeRoundTrips() {
        String dlqName = name("rt-dlq");
        String dlqUrl = create(sqs, dlqName);
        String dlqArn = SqsV2.arn(sqs, dlqUrl);
        String url = create(sqs, name("rt"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
        Map<QueueAttributeName, String> set = new LinkedHashMap<>();
        set.put(QueueAttributeName.VISIBILITY_TIMEOUT, "43200");
        set.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024");
        set.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60");
        set.put(QueueAttributeName.DELAY_SECONDS, "900");
        set.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20");
        set.put(QueueAttributeName.POLICY, policy);
        set.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":5}");
        set.put(QueueAttributeName.REDRIVE_ALLOW_POLICY, "{\"redrivePermission\":\"denyAll\"}");
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(set));
        Map<String, String> got = attrs(sqs, url);
        for (var e : set.entrySet()) {
            if (e.getKey() == QueueAttributeName.POLICY || e.getKey() == QueueAttributeName.REDRIVE_POLICY
                    || e.getKey() == QueueAttributeName.REDRIVE_ALLOW_POLICY) {
                assertEquals(json(e.getValue()), json(got.get(e.getKey().toString())), e.getKey().toString());
            } else {
                assertEquals(e.getValue(), got.get(e.getKey().toString()), e.getKey().toString());
            }
        }
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.KMS_MASTER_KEY_ID, "alias/aws/sqs",
                QueueAttributeName.KMS_DATA_KEY_REUSE_PERIOD_SECONDS, "600")));
        got = attrs(sqs, url);
        assertEquals("alias/aws/sqs", got.get("KmsMasterKeyId"));
        assertEquals("600", got.get("KmsDataKeyReusePeriodSeconds"));
        assertEquals("false", got.get("SqsManagedSseEnabled"));
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.KMS_MASTER_KEY_ID, "",
                QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true", QueueAttributeName.POLICY, "", QueueAttributeName.REDRIVE_POLICY, "")));
        got = attrs(sqs, url);
        assertNull(got.get("KmsMasterKeyId"));
        assertNull(got.get("Policy"));
        assertNull(got.get("RedrivePolicy"));
        assertEquals("true", got.get("SqsManagedSseEnabled"));

        String fifo = create(sqs, name("rt") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        sqs.setQueueAttributes(b -> b.queueUrl(fifo).attributes(Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true",
                QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup", QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId")));
        got = attrs(sqs, fifo);
        assertEquals("true", got.get("FifoQueue"));
        assertEquals("true", got.get("ContentBasedDeduplication"));
        assertEquals("messageGroup", got.get("DeduplicationScope"));
        assertEquals("perMessageGroupId", got.get("FifoThroughputLimit"));
    }

    @Test
    void outOfRangeAttributesAreInvalidAttributeValue() {
        String url = create(sqs, name("range"));
        Map<QueueAttributeName, List<String>> bad = new LinkedHashMap<>();
        bad.put(QueueAttributeName.VISIBILITY_TIMEOUT, List.of("-1", "43201", "abc"));
        bad.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, List.of("1023", "1048577"));
        bad.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, List.of("59", "1209601"));
        bad.put(QueueAttributeName.DELAY_SECONDS, List.of("901"));
        bad.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, List.of("21"));
        bad.put(QueueAttributeName.KMS_DATA_KEY_REUSE_PERIOD_SECONDS, List.of("59", "86401"));
        bad.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, List.of("maybe"));
        for (var e : bad.entrySet()) {
            for (String v : e.getValue()) {
                fails("InvalidAttributeValue", 400, () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(e.getKey(), v))));
                fails("InvalidAttributeValue", 400, () -> create(sqs, name("range"), Map.of(e.getKey(), v)));
            }
        }
        assertEquals("30", attrs(sqs, url).get("VisibilityTimeout"), "failed sets change nothing");
    }

    @Test
    void unknownAttributeIsInvalidAttributeName() {
        String url = create(sqs, name("unknown"));
        fails("InvalidAttributeName", 400, () -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributesWithStrings(Map.of("NoSuchAttribute", "1"))));
        fails("InvalidAttributeName", 400, () -> sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNamesWithStrings("NoSuchAttribute")));
        fails("InvalidAttributeName", 400, () -> sqs.createQueue(b -> b.queueName(name("unknown"))
                .attributesWithStrings(Map.of("NoSuchAttribute", "1"))));
        fails("InvalidAttributeName", 400, () -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))));
    }

    @Test
    void getQueueAttributesReturnsOnlyWhatWasAsked() {
        String url = create(sqs, name("some"));
        Map<String, String> got = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.DELAY_SECONDS, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributesAsStrings();
        assertEquals(Map.of("DelaySeconds", "0", "ApproximateNumberOfMessages", "0"), got);
        assertTrue(sqs.getQueueAttributes(b -> b.queueUrl(url)).attributes().isEmpty());
    }

    @Test
    void tagsAtCreateTagUntagAndList() {
        String name = name("tags");
        String url = sqs.createQueue(b -> b.queueName(name).tags(Map.of("team", "core"))).queueUrl();
        assertEquals(Map.of("team", "core"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
        sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "test", "team", "edge")));
        assertEquals(Map.of("team", "edge", "env", "test"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
        sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team"));
        assertEquals(Map.of("env", "test"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
    }

    @Test
    void addAndRemovePermissionEditThePolicy() throws Exception {
        String url = create(sqs, name("perm"));
        sqs.addPermission(b -> b.queueUrl(url).label("lbl1").awsAccountIds(ACCOUNT_B).actions("SendMessage", "ReceiveMessage"));
        JsonNode policy = json(attrs(sqs, url).get("Policy"));
        JsonNode st = policy.path("Statement").get(0);
        assertEquals("lbl1", st.path("Sid").asText());
        assertEquals("Allow", st.path("Effect").asText());
        // one principal is a string, as AWS writes it (SqsWireParityIT pins the whole document)
        assertEquals("arn:aws:iam::" + ACCOUNT_B + ":root", st.path("Principal").path("AWS").asText(), policy::toString);
        assertEquals(2, st.path("Action").size());
        fails("InvalidParameterValue", 400, () -> sqs.addPermission(b -> b.queueUrl(url).label("lbl1")
                .awsAccountIds(ACCOUNT_B).actions("SendMessage")));
        sqs.removePermission(b -> b.queueUrl(url).label("lbl1"));
        assertNull(attrs(sqs, url).get("Policy"));
        fails("InvalidParameterValue", 400, () -> sqs.removePermission(b -> b.queueUrl(url).label("lbl1")));
    }

    @Test
    void accountsAreIsolated() {
        String name = name("mine");
        String url = create(sqs, name);
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> other.getQueueUrl(b -> b.queueName(name)));
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> other.getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId(ACCOUNT_A)));
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> other.sendMessage(b -> b.queueUrl(url).messageBody("x")));
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> other.getQueueAttributes(b -> b.queueUrl(url)));
        assertFalse(other.listQueues().queueUrls().contains(url));
        // B may use the same name for its own queue.
        String theirs = create(other, name);
        assertEquals(server.endpoint() + "/" + ACCOUNT_B + "/" + name, theirs);
        assertTrue(sqs.listQueues(b -> b.queueNamePrefix(name)).queueUrls().equals(List.of(url)));
    }

    @Test
    void queuePolicyLetsAnotherAccountSend() {
        String name = name("shared");
        String url = create(sqs, name);
        sqs.addPermission(b -> b.queueUrl(url).label("b-sends").awsAccountIds(ACCOUNT_B).actions("SendMessage", "GetQueueUrl"));
        SendMessageResponse sent = other.sendMessage(b -> b.queueUrl(url).messageBody("from B"));
        assertNotNull(sent.messageId());
        assertEquals(url, other.getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId(ACCOUNT_A)).queueUrl());
        // Only SendMessage and GetQueueUrl were granted.
        fails("AWS.SimpleQueueService.NonExistentQueue", 400, () -> other.receiveMessage(b -> b.queueUrl(url)));
        var got = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNamesWithStrings("SenderId")).messages();
        assertEquals(1, got.size());
        assertEquals("from B", got.getFirst().body());
        assertEquals(ACCOUNT_B, got.getFirst().attributesAsStrings().get("SenderId"));
    }

    @Test
    void errorsCarryTheQueryCompatibleCodeAndClass() {
        var e = fails("AWS.SimpleQueueService.NonExistentQueue", 400,
                () -> sqs.getQueueAttributes(b -> b.queueUrl(server.endpoint() + "/" + ACCOUNT_A + "/nope-" + System.nanoTime())));
        assertInstanceOf(QueueDoesNotExistException.class, e);
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    @Test
    void queueNamePrefixIsCaseSensitiveAndLiteral() {
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        String upper = create(sqs, "CaseQ-" + id);
        String lower = create(sqs, "caseq-" + id);
        String underscore = create(sqs, "lit_" + id);
        String notUnderscore = create(sqs, "litx" + id);
        assertEquals(List.of(upper), sqs.listQueues(b -> b.queueNamePrefix("CaseQ-" + id)).queueUrls());
        assertEquals(List.of(lower), sqs.listQueues(b -> b.queueNamePrefix("caseq-" + id)).queueUrls());
        assertEquals(List.of(underscore), sqs.listQueues(b -> b.queueNamePrefix("lit_")).queueUrls());
        assertEquals(List.of(notUnderscore), sqs.listQueues(b -> b.queueNamePrefix("litx")).queueUrls());
    }
}
