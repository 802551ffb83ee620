package io.haneul.sqs.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SqsExceptionTest {

    @Test
    void carriesShapeAndMessageWithoutStackTrace() {
        SqsException e = SqsException.queueDoesNotExist();
        assertEquals(SqsError.QueueDoesNotExist, e.error());
        assertEquals("QueueDoesNotExist", e.error().shape());
        assertEquals("The specified queue does not exist.", e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertNull(e.getCause());
    }

    @Test
    void factoriesUseAwsWording() {
        assertEquals("The request must contain the parameter MessageBody.", SqsException.missingParameter("MessageBody").getMessage());
        assertEquals("Unknown Attribute Foo.", SqsException.unknownAttribute("Foo").getMessage());
        assertEquals(SqsError.InvalidAttributeName, SqsException.unknownAttribute("Foo").error());
        assertEquals("Invalid value for the parameter DelaySeconds.", SqsException.invalidAttributeValue("DelaySeconds").getMessage());
        assertEquals("A queue already exists with the same name and a different value for attribute VisibilityTimeout",
                SqsException.queueNameExists("VisibilityTimeout").getMessage());
        assertEquals(SqsError.QueueDeletedRecently, SqsException.queueDeletedRecently().error());
        assertEquals("Only one PurgeQueue operation on q is allowed every 60 seconds.",
                SqsException.purgeQueueInProgress("q").getMessage());
        assertEquals(SqsError.PurgeQueueInProgress, SqsException.purgeQueueInProgress("q").error());
        assertEquals(SqsError.MessageNotInflight, SqsException.messageNotInflight().error());
        assertEquals("Value 5 for parameter X is invalid. Reason: bad.", SqsException.invalidParameter("X", 5, "bad.").getMessage());
        assertEquals("The input receipt handle \"abc\" is not a valid receipt handle.",
                SqsException.receiptHandleIsInvalid("abc").getMessage());
    }

    @Test
    void everyShapeTheBriefNamesExists() {
        for (String s : new String[] {"QueueDoesNotExist", "QueueNameExists", "QueueDeletedRecently", "InvalidParameterValue",
                "MissingParameter", "InvalidAttributeName", "InvalidAttributeValue", "InvalidMessageContents",
                "ReceiptHandleIsInvalid", "MessageNotInflight", "PurgeQueueInProgress", "TooManyEntriesInBatchRequest",
                "EmptyBatchRequest", "BatchEntryIdsNotDistinct", "BatchRequestTooLong", "InvalidBatchEntryId",
                "UnsupportedOperation", "ResourceNotFoundException", "OverLimit", "InvalidAddress", "InvalidSecurity",
                "RequestThrottled"}) {
            assertEquals(s, SqsError.valueOf(s).shape());
        }
    }
}
