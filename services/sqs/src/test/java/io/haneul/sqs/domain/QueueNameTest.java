package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueNameTest {

    private static final String STD = "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
    private static final String FIFO = "The name of a FIFO queue can only include alphanumeric characters, hyphens, "
            + "or underscores, must end with .fifo suffix and be 1 to 80 in length.";

    @ParameterizedTest
    @ValueSource(strings = {"a", "my-queue_1", "Q", "orders.fifo", "x.fifo"})
    void acceptsWellFormedNames(String name) {
        assertEquals(name, QueueName.validate(name));
        assertTrue(QueueName.isValid(name));
    }

    @Test
    void eightyCharactersIncludingSuffix() {
        assertEquals("a".repeat(80), QueueName.validate("a".repeat(80)));
        fails(SqsError.InvalidParameterValue, STD, () -> QueueName.validate("a".repeat(81)));
        assertEquals("a".repeat(75) + ".fifo", QueueName.validate("a".repeat(75) + ".fifo"));
        fails(SqsError.InvalidParameterValue, FIFO, () -> QueueName.validate("a".repeat(76) + ".fifo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"in.fo", "abc!@#", "ééwwà)", "with space", "a/b", "x.FIFO"})
    void rejectsBadCharacters(String name) {
        fails(SqsError.InvalidParameterValue, STD, () -> QueueName.validate(name));
        assertFalse(QueueName.isValid(name));
    }

    @Test
    void rejectsBadFifoBase() {
        fails(SqsError.InvalidParameterValue, FIFO, () -> QueueName.validate(".fifo"));
        fails(SqsError.InvalidParameterValue, FIFO, () -> QueueName.validate("a.b.fifo"));
    }

    @Test
    void rejectsMissingOrEmpty() {
        fails(SqsError.InvalidParameterValue, "Value for parameter QueueName is invalid. Reason: Must specify a queue name.",
                () -> QueueName.validate(null));
        fails(SqsError.InvalidParameterValue, "Queue name cannot be empty", () -> QueueName.validate(""));
    }

    @Test
    void fifoSuffix() {
        assertTrue(QueueName.hasFifoSuffix("a.fifo"));
        assertFalse(QueueName.hasFifoSuffix("afifo"));
        assertFalse(QueueName.hasFifoSuffix(null));
    }
}
