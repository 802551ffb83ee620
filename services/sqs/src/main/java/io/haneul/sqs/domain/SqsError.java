package io.haneul.sqs.domain;

/**
 * The AWS error shapes SQS answers with, named exactly as the API model (and, for the two common
 * errors, the query protocol) names them.
 *
 * <p>Domain rules raise {@link SqsException} with one of these; the wire layer maps the shape to
 * its legacy query code and HTTP status from the API models, so nothing here knows about HTTP.
 */
public enum SqsError {
    QueueDoesNotExist,
    QueueNameExists,
    QueueDeletedRecently,
    InvalidParameterValue,
    MissingParameter,
    InvalidAttributeName,
    InvalidAttributeValue,
    InvalidMessageContents,
    ReceiptHandleIsInvalid,
    MessageNotInflight,
    PurgeQueueInProgress,
    TooManyEntriesInBatchRequest,
    EmptyBatchRequest,
    BatchEntryIdsNotDistinct,
    BatchRequestTooLong,
    InvalidBatchEntryId,
    UnsupportedOperation,
    ResourceNotFoundException,
    OverLimit,
    InvalidAddress,
    InvalidSecurity,
    RequestThrottled;

    /** The error shape's name in the API model (e.g. {@code QueueDoesNotExist}). */
    public String shape() {
        return name();
    }
}
