package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueArnsTest {

    @Test
    void buildsAndParses() {
        String arn = QueueArns.build("us-east-1", "123456789012", "q.fifo");
        assertEquals("arn:aws:sqs:us-east-1:123456789012:q.fifo", arn);
        QueueArn parsed = QueueArns.tryParse(arn).orElseThrow();
        assertEquals(new QueueArn("aws", "us-east-1", "123456789012", "q.fifo"), parsed);
        assertTrue(parsed.fifo());
        assertEquals(arn, parsed.toString());
    }

    @Test
    void otherPartitions() {
        QueueArn a = QueueArns.tryParse("arn:aws-cn:sqs:cn-north-1:123456789012:q").orElseThrow();
        assertEquals("aws-cn", a.partition());
        assertFalse(a.fifo());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sqs:us-east-1:1234:q",
            "arn:aws:sqs::123456789012:q", "arn:aws:sqs:us-east-1:123456789012:", "arn:aws:sqs:us-east-1:123456789012:a.b",
            "sqs:us-east-1:123456789012:q", "arn:aws:sqs:us-east-1:123456789012:q:extra"})
    void rejectsNonQueueArns(String arn) {
        assertTrue(QueueArns.tryParse(arn).isEmpty());
        fails(SqsError.InvalidParameterValue, "You must use this format to specify the SourceArn: "
                + "arn:<partition>:<service>:<region>:<account-id>:<resource-id>", () -> QueueArns.parse(arn, "SourceArn"));
    }

    @Test
    void nullIsNotAnArn() {
        assertTrue(QueueArns.tryParse(null).isEmpty());
        assertFalse(QueueArns.looksLikeArn(null));
    }
}
