package io.haneul.sqs.domain;

import java.util.Objects;

/**
 * A broken SQS rule: the {@link SqsError} shape to answer with and AWS's message for it.
 *
 * <p>These are answers to clients, not bugs, so no stack trace is captured. The static factories
 * hold AWS's wording for errors raised from more than one place.
 */
public final class SqsException extends RuntimeException {

    private final SqsError error;

    public SqsException(SqsError error, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The AWS error shape. */
    public SqsError error() {
        return error;
    }

    /** {@code QueueDoesNotExist}: "The specified queue does not exist." */
    public static SqsException queueDoesNotExist() {
        return new SqsException(SqsError.QueueDoesNotExist, "The specified queue does not exist.");
    }

    /** {@code QueueNameExists} for CreateQueue with a differing attribute. */
    public static SqsException queueNameExists(String attributeName) {
        return new SqsException(SqsError.QueueNameExists,
                "A queue already exists with the same name and a different value for attribute " + attributeName);
    }

    /** {@code QueueDeletedRecently}: a name reused within 60 s of DeleteQueue. */
    public static SqsException queueDeletedRecently() {
        return new SqsException(SqsError.QueueDeletedRecently,
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
    }

    /** {@code PurgeQueueInProgress}: a second PurgeQueue within 60 s. */
    public static SqsException purgeQueueInProgress(String queueName) {
        return new SqsException(SqsError.PurgeQueueInProgress,
                "Only one PurgeQueue operation on " + queueName + " is allowed every 60 seconds.");
    }

    /** {@code MessageNotInflight}: ChangeMessageVisibility on a message that is not in flight. */
    public static SqsException messageNotInflight() {
        return new SqsException(SqsError.MessageNotInflight, "The specified message isn't in flight.");
    }

    /** {@code MissingParameter}: "The request must contain the parameter X." */
    public static SqsException missingParameter(String parameter) {
        return new SqsException(SqsError.MissingParameter, "The request must contain the parameter " + parameter + ".");
    }

    /** {@code InvalidParameterValue} with a message given verbatim. */
    public static SqsException invalidParameterValue(String message) {
        return new SqsException(SqsError.InvalidParameterValue, message);
    }

    /** {@code InvalidParameterValue}: "Value V for parameter P is invalid. Reason: R" (R ends with its own period). */
    public static SqsException invalidParameter(String parameter, Object value, String reason) {
        return invalidParameterValue("Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
    }

    /** {@code InvalidAttributeName}: "Unknown Attribute X." */
    public static SqsException unknownAttribute(String name) {
        return new SqsException(SqsError.InvalidAttributeName, "Unknown Attribute " + name + ".");
    }

    /** {@code InvalidAttributeValue}: "Invalid value for the parameter X." */
    public static SqsException invalidAttributeValue(String name) {
        return new SqsException(SqsError.InvalidAttributeValue, "Invalid value for the parameter " + name + ".");
    }

    /** {@code ReceiptHandleIsInvalid} echoing the handle. */
    public static SqsException receiptHandleIsInvalid(String handle) {
        return new SqsException(SqsError.ReceiptHandleIsInvalid,
                "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    @Override
    public String toString() {
        return "SqsException[" + error + ": " + getMessage() + "]";
    }
}
