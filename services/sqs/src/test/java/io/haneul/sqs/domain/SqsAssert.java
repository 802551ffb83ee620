package io.haneul.sqs.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Asserts that a rule fails with a given AWS error shape and message. */
final class SqsAssert {

    private SqsAssert() {
    }

    static SqsException fails(SqsError error, String message, Executable rule) {
        SqsException e = assertThrows(SqsException.class, rule);
        assertEquals(error, e.error(), () -> "shape of: " + e.getMessage());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
        return e;
    }
}
