package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static final SqsError IPV = SqsError.InvalidParameterValue;

    @Test
    void visibilityTimeout() {
        assertEquals(0, Limits.visibilityTimeout(0));
        assertEquals(43200, Limits.visibilityTimeout(43200));
        fails(IPV, "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.",
                () -> Limits.visibilityTimeout(43201));
        fails(IPV, "Value -1 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.",
                () -> Limits.visibilityTimeout(-1));
    }

    @Test
    void waitTimeSeconds() {
        assertEquals(20, Limits.waitTimeSeconds(20));
        assertEquals(0, Limits.waitTimeSeconds(0));
        fails(IPV, "Value 50 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.",
                () -> Limits.waitTimeSeconds(50));
        fails(IPV, null, () -> Limits.waitTimeSeconds(-1));
    }

    @Test
    void maxNumberOfMessages() {
        assertEquals(1, Limits.maxNumberOfMessages(1));
        assertEquals(10, Limits.maxNumberOfMessages(10));
        fails(IPV, "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
                () -> Limits.maxNumberOfMessages(11));
        fails(IPV, "Value 0 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
                () -> Limits.maxNumberOfMessages(0));
    }

    @Test
    void delayAndListLimits() {
        assertEquals(900, Limits.delaySeconds(900));
        fails(IPV, "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.", () -> Limits.delaySeconds(901));
        assertEquals(1000, Limits.listQueuesMaxResults(1000));
        fails(IPV, "Value 0 for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.",
                () -> Limits.listQueuesMaxResults(0));
        fails(IPV, null, () -> Limits.listQueuesMaxResults(1001));
        assertEquals(10, Limits.listMoveTasksMaxResults(10));
        fails(IPV, null, () -> Limits.listMoveTasksMaxResults(11));
        assertEquals(500, Limits.moveMessagesPerSecond(500));
        fails(IPV, null, () -> Limits.moveMessagesPerSecond(0));
        fails(IPV, null, () -> Limits.moveMessagesPerSecond(501));
    }

    @Test
    void visibilityMayNotPassTwelveHoursSinceReceive() {
        Instant received = Instant.parse("2025-01-01T00:00:00Z");
        Instant now = received.plusSeconds(3600);
        assertEquals(received.plusSeconds(43200), Limits.extendVisibility(received, now, 43200 - 3600));
        assertEquals(now, Limits.extendVisibility(received, now, 0));
        fails(IPV, "Value 39601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond "
                + "the limit [43200 seconds]", () -> Limits.extendVisibility(received, now, 39601));
        fails(IPV, "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.",
                () -> Limits.extendVisibility(received, received, 43201));
        assertEquals(received.plusSeconds(43200), Limits.extendVisibility(received, received, 43200));
    }
}
