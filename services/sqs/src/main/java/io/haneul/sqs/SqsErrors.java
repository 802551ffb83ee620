package io.haneul.sqs;

import io.haneul.core.error.AwsErrorException;
import io.haneul.sqs.domain.SqsError;
import io.haneul.sqs.domain.SqsException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;

import java.util.Map;

/**
 * The one place SQS domain errors become AWS errors. Errors that are shapes of the model are named
 * by shape (the engine takes the legacy query code and status from the models); the rest
 * (InvalidParameterValue, MissingParameter) are plain query codes with status 400.
 */
final class SqsErrors {

    private SqsErrors() {
    }

    static AwsErrorException toAws(SqsException e) {
        return new AwsErrorException(e.error().shape(), e.getMessage(), status(e.error()), true, Map.of());
    }

    private static int status(SqsError error) {
        return switch (error) {
            case ReceiptHandleIsInvalid, InvalidAddress, ResourceNotFoundException -> 404;
            case PurgeQueueInProgress, OverLimit, RequestThrottled, InvalidSecurity -> 403;
            default -> 400;
        };
    }

    /** A failed batch entry, as SQS reports it inside a 200 answer. */
    static BatchResultErrorEntry batchFailure(String id, SqsException e) {
        return BatchResultErrorEntry.builder().id(id).code(e.error().shape()).message(e.getMessage()).senderFault(true).build();
    }
}
