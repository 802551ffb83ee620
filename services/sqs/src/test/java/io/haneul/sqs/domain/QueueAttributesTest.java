package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueAttributesTest {

    private static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:dlq";
    private static final QueueRuntime RT = new QueueRuntime("arn:aws:sqs:us-east-1:123456789012:q", 3, 2, 1,
            Instant.ofEpochMilli(1_700_000_000_999L), Instant.ofEpochSecond(1_700_000_100));

    private static QueueAttributes std(Map<String, String> m) {
        return QueueAttributes.parseForCreate(m, false);
    }

    private static QueueAttributes fifo(Map<String, String> m) {
        java.util.Map<String, String> all = new java.util.HashMap<>(m);
        all.put("FifoQueue", "true");
        return QueueAttributes.parseForCreate(all, true);
    }

    @Test
    void standardDefaults() {
        QueueAttributes a = std(null);
        assertFalse(a.fifo());
        assertEquals(Map.of("VisibilityTimeout", "30", "MaximumMessageSize", "1048576", "MessageRetentionPeriod", "345600",
                "DelaySeconds", "0", "ReceiveMessageWaitTimeSeconds", "0", "SqsManagedSseEnabled", "true"), a.asMap());
        assertEquals(30, a.visibilityTimeout());
        assertEquals(1_048_576, a.maximumMessageSize());
        assertEquals(345_600, a.messageRetentionPeriod());
        assertEquals(0, a.delaySeconds());
        assertEquals(0, a.receiveMessageWaitTimeSeconds());
        assertTrue(a.redrivePolicy().isEmpty());
        assertTrue(a.policy().isEmpty());
        assertEquals(RedriveAllowPolicy.ALLOW_ALL, a.redriveAllowPolicy());
        assertTrue(a.sameAs(QueueAttributes.defaults(false)));
    }

    @Test
    void fifoDefaults() {
        QueueAttributes a = fifo(Map.of());
        assertTrue(a.fifo());
        assertEquals("true", a.asMap().get("FifoQueue"));
        assertEquals("false", a.asMap().get("ContentBasedDeduplication"));
        assertEquals("queue", a.asMap().get("DeduplicationScope"));
        assertEquals("perQueue", a.asMap().get("FifoThroughputLimit"));
        assertFalse(a.contentBasedDeduplication());
        assertFalse(a.deduplicationPerMessageGroup());
        assertTrue(a.sameAs(QueueAttributes.defaults(true)));
    }

    @Test
    void acceptsEveryAttributeInRange() {
        QueueAttributes a = std(Map.of("DelaySeconds", "900", "MaximumMessageSize", "1024", "MessageRetentionPeriod", "60",
                "ReceiveMessageWaitTimeSeconds", "20", "VisibilityTimeout", "43200", "Policy", "{\"Version\":\"2012-10-17\"}",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":\"5\"}",
                "RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}", "SqsManagedSseEnabled", "FALSE"));
        assertEquals(900, a.delaySeconds());
        assertEquals(1024, a.maximumMessageSize());
        assertEquals(60, a.messageRetentionPeriod());
        assertEquals(20, a.receiveMessageWaitTimeSeconds());
        assertEquals(43200, a.visibilityTimeout());
        assertEquals("{\"Version\":\"2012-10-17\"}", a.policy().orElseThrow());
        assertEquals("{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":5}", a.asMap().get("RedrivePolicy"));
        assertEquals(new RedrivePolicy(DLQ, 5), a.redrivePolicy().orElseThrow());
        assertFalse(a.redriveAllowPolicy().allows("anything"));
        assertEquals("false", a.asMap().get("SqsManagedSseEnabled"));
    }

    @Test
    void numbersAreCanonicalized() {
        assertEquals("45", std(Map.of("VisibilityTimeout", "045")).asMap().get("VisibilityTimeout"));
    }

    @ParameterizedTest
    @CsvSource({"DelaySeconds,901", "DelaySeconds,-1", "DelaySeconds,''", "DelaySeconds,' 6'", "DelaySeconds,544.43",
            "DelaySeconds,true", "MaximumMessageSize,1023", "MaximumMessageSize,1048577", "MessageRetentionPeriod,59",
            "MessageRetentionPeriod,1209601", "ReceiveMessageWaitTimeSeconds,21", "VisibilityTimeout,43201",
            "VisibilityTimeout,-50", "KmsDataKeyReusePeriodSeconds,59", "KmsDataKeyReusePeriodSeconds,86401",
            "SqsManagedSseEnabled,yes", "Policy,badjson", "Policy,[]", "Policy,'\"string\"'", "Policy,null", "Policy,533"})
    void rejectsValuesOutOfRange(String name, String value) {
        fails(SqsError.InvalidAttributeValue, "Invalid value for the parameter " + name + ".", () -> std(Map.of(name, value)));
    }

    @ParameterizedTest
    @CsvSource({"ContentBasedDeduplication,maybe", "DeduplicationScope,group", "FifoThroughputLimit,perGroup"})
    void rejectsBadFifoValues(String name, String value) {
        fails(SqsError.InvalidAttributeValue, "Invalid value for the parameter " + name + ".", () -> fifo(Map.of(name, value)));
    }

    @Test
    void rangeBoundsForKmsReusePeriod() {
        assertEquals("60", std(Map.of("KmsDataKeyReusePeriodSeconds", "60")).asMap().get("KmsDataKeyReusePeriodSeconds"));
        assertEquals("86400", std(Map.of("KmsDataKeyReusePeriodSeconds", "86400")).asMap().get("KmsDataKeyReusePeriodSeconds"));
    }

    @Test
    void unknownAndReadOnlyNamesAreUnknownAttributes() {
        for (String name : List.of("Foo", "All", "QueueArn", "ApproximateNumberOfMessages", "CreatedTimestamp",
                "LastModifiedTimestamp", "visibilitytimeout")) {
            fails(SqsError.InvalidAttributeName, "Unknown Attribute " + name + ".", () -> std(Map.of(name, "1")));
        }
    }

    @Test
    void fifoQueueAttributeMustMatchName() {
        fails(SqsError.InvalidParameterValue, QueueName.FIFO_MESSAGE,
                () -> QueueAttributes.parseForCreate(Map.of("FifoQueue", "true"), false));
        fails(SqsError.InvalidParameterValue, QueueName.STANDARD_MESSAGE, () -> QueueAttributes.parseForCreate(Map.of(), true));
        fails(SqsError.InvalidAttributeName, "Unknown Attribute FifoQueue.",
                () -> QueueAttributes.parseForCreate(Map.of("FifoQueue", "false"), false));
        fails(SqsError.InvalidAttributeName, "Unknown Attribute FifoQueue.",
                () -> QueueAttributes.parseForCreate(Map.of("FifoQueue", "false"), true));
        assertTrue(QueueAttributes.parseForCreate(Map.of("FifoQueue", "TRUE"), true).fifo());
    }

    @Test
    void fifoOnlyAttributesOnStandardQueues() {
        fails(SqsError.InvalidAttributeName, "Unknown Attribute ContentBasedDeduplication.",
                () -> std(Map.of("ContentBasedDeduplication", "true")));
        fails(SqsError.InvalidAttributeName, "You can specify the DeduplicationScope only when FifoQueue is set to true.",
                () -> std(Map.of("DeduplicationScope", "queue")));
        fails(SqsError.InvalidAttributeName, "You can specify the FifoThroughputLimit only when FifoQueue is set to true.",
                () -> std(Map.of("FifoThroughputLimit", "perQueue")));
    }

    @Test
    void highThroughputFifo() {
        QueueAttributes a = fifo(Map.of("DeduplicationScope", "messageGroup", "FifoThroughputLimit", "perMessageGroupId",
                "ContentBasedDeduplication", "True"));
        assertTrue(a.deduplicationPerMessageGroup());
        assertTrue(a.contentBasedDeduplication());
        assertEquals("perMessageGroupId", a.asMap().get("FifoThroughputLimit"));
        String msg = "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup";
        fails(SqsError.InvalidParameterValue, msg, () -> fifo(Map.of("FifoThroughputLimit", "perMessageGroupId")));
        fails(SqsError.InvalidParameterValue, msg, () -> a.merge(Map.of("DeduplicationScope", "queue")));
    }

    @Test
    void kmsAndSqsManagedSse() {
        QueueAttributes kms = std(Map.of("KmsMasterKeyId", "alias/aws/sqs"));
        assertEquals("alias/aws/sqs", kms.asMap().get("KmsMasterKeyId"));
        assertEquals("300", kms.asMap().get("KmsDataKeyReusePeriodSeconds"));
        assertEquals("false", kms.asMap().get("SqsManagedSseEnabled"));
        assertEquals("860", std(Map.of("KmsMasterKeyId", "k", "KmsDataKeyReusePeriodSeconds", "860"))
                .asMap().get("KmsDataKeyReusePeriodSeconds"));
        fails(SqsError.InvalidAttributeName, "You can use one type of server-side encryption (SSE) at one time. "
                + "You can either enable KMS SSE or SQS SSE.",
                () -> std(Map.of("SqsManagedSseEnabled", "true", "KmsMasterKeyId", "alias/aws/sqs")));
        QueueAttributes back = kms.merge(Map.of("SqsManagedSseEnabled", "true"));
        assertNull(back.asMap().get("KmsMasterKeyId"));
        assertNull(back.asMap().get("KmsDataKeyReusePeriodSeconds"));
        assertEquals("true", back.asMap().get("SqsManagedSseEnabled"));
        QueueAttributes cleared = kms.merge(Map.of("KmsMasterKeyId", ""));
        assertNull(cleared.asMap().get("KmsMasterKeyId"));
    }

    @Test
    void mergeChangesAndClears() {
        QueueAttributes a = std(Map.of("Policy", "{}", "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":3}"));
        QueueAttributes b = a.merge(Map.of("VisibilityTimeout", "60", "Policy", "", "RedrivePolicy", ""));
        assertEquals(60, b.visibilityTimeout());
        assertTrue(b.policy().isEmpty());
        assertTrue(b.redrivePolicy().isEmpty());
        assertEquals(30, a.visibilityTimeout(), "merge leaves the original untouched");
        assertTrue(a.sameAs(a.merge(Map.of())));
        assertTrue(a.sameAs(a.merge(null)));
        fails(SqsError.InvalidAttributeValue, "Invalid value for the parameter VisibilityTimeout.",
                () -> a.merge(Map.of("VisibilityTimeout", "43201")));
        fails(SqsError.InvalidAttributeName, "Unknown Attribute QueueArn.", () -> a.merge(Map.of("QueueArn", "x")));
    }

    @Test
    void fifoQueueCannotChange() {
        fails(SqsError.InvalidAttributeName, "Unknown Attribute FifoQueue.", () -> std(null).merge(Map.of("FifoQueue", "true")));
        fails(SqsError.InvalidAttributeName, "Unknown Attribute FifoQueue.", () -> std(null).merge(Map.of("FifoQueue", "false")));
        fails(SqsError.InvalidAttributeValue, "Invalid value for the parameter FifoQueue.",
                () -> fifo(Map.of()).merge(Map.of("FifoQueue", "false")));
        assertTrue(fifo(Map.of()).merge(Map.of("FifoQueue", "true")).fifo());
        assertEquals("true", fifo(Map.of()).merge(Map.of("ContentBasedDeduplication", "true")).asMap().get("ContentBasedDeduplication"));
    }

    @Test
    void restoreRoundTrips() {
        QueueAttributes a = fifo(Map.of("ContentBasedDeduplication", "true", "DelaySeconds", "5"));
        QueueAttributes r = QueueAttributes.restore(a.asMap());
        assertTrue(r.fifo());
        assertTrue(a.sameAs(r));
        assertEquals(a, r);
        assertEquals(a.hashCode(), r.hashCode());
        assertFalse(QueueAttributes.restore(std(null).asMap()).fifo());
    }

    @Test
    void createIsIdempotentOnlyForMatchingAttributes() {
        QueueAttributes existing = std(Map.of("VisibilityTimeout", "60", "DelaySeconds", "10"));
        existing.checkCreateIdempotent(Map.of());
        existing.checkCreateIdempotent(null);
        existing.checkCreateIdempotent(Map.of("VisibilityTimeout", "60"));
        existing.checkCreateIdempotent(Map.of("VisibilityTimeout", "060", "DelaySeconds", "10"));
        fails(SqsError.QueueNameExists, "A queue already exists with the same name and a different value for attribute VisibilityTimeout",
                () -> existing.checkCreateIdempotent(Map.of("DelaySeconds", "10", "VisibilityTimeout", "500")));
        fails(SqsError.QueueNameExists, null, () -> existing.checkCreateIdempotent(Map.of("Policy", "{}")));
        fails(SqsError.InvalidAttributeValue, null, () -> existing.checkCreateIdempotent(Map.of("DelaySeconds", "1000")));
        QueueAttributes f = fifo(Map.of());
        f.checkCreateIdempotent(Map.of("FifoQueue", "true"));
        fails(SqsError.QueueNameExists, null,
                () -> f.checkCreateIdempotent(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true")));
        assertFalse(existing.sameAs(std(null)));
        assertFalse(existing.sameAs(null));
    }

    @Test
    void selectsRequestedAttributes() {
        QueueAttributes a = std(Map.of("VisibilityTimeout", "60"));
        Map<String, String> all = a.select(List.of("All"), RT);
        assertEquals(List.of("QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "VisibilityTimeout",
                "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
                "SqsManagedSseEnabled"), List.copyOf(all.keySet()));
        assertEquals("arn:aws:sqs:us-east-1:123456789012:q", all.get("QueueArn"));
        assertEquals("3", all.get("ApproximateNumberOfMessages"));
        assertEquals("2", all.get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals("1", all.get("ApproximateNumberOfMessagesDelayed"));
        assertEquals("1700000000", all.get("CreatedTimestamp"));
        assertEquals("1700000100", all.get("LastModifiedTimestamp"));
        assertEquals(Map.of("VisibilityTimeout", "60", "QueueArn", RT.queueArn()),
                a.select(List.of("VisibilityTimeout", "QueueArn", "Policy", "FifoQueue"), RT));
        assertEquals(Map.of(), a.select(List.of(), RT));
        assertEquals(Map.of(), a.select(null, RT));
        fails(SqsError.InvalidAttributeName, "Unknown Attribute Bogus.", () -> a.select(List.of("VisibilityTimeout", "Bogus"), RT));
        assertEquals("true", fifo(Map.of()).select(List.of("All"), RT).get("FifoQueue"));
    }
}
