package io.haneul.sns;

import io.haneul.core.error.AwsErrorException;
import io.haneul.sns.domain.SnsException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;

import java.util.Map;

/**
 * The one place SNS domain errors become AWS errors. Every SNS error is an error shape of the
 * model, so the engine takes its query code (e.g. {@code InvalidParameter}, {@code NotFound}) and
 * HTTP status from the model; the status here is only a fallback.
 */
final class SnsErrors {

    private SnsErrors() {
    }

    static AwsErrorException toAws(SnsException e) {
        return new AwsErrorException(e.shape(), e.getMessage(), status(e.shape()), true, Map.of());
    }

    private static int status(String shape) {
        return switch (shape) {
            case "NotFoundException", "ResourceNotFoundException" -> 404;
            case "AuthorizationErrorException", "SubscriptionLimitExceededException", "TopicLimitExceededException",
                 "FilterPolicyLimitExceededException", "InvalidSecurityException" -> 403;
            case "ThrottledException" -> 429;
            default -> 400;
        };
    }

    /** A failed PublishBatch entry, reported inside a successful answer. */
    static BatchResultErrorEntry batchFailure(String id, SnsException e) {
        String code = switch (e.shape()) {
            case "InvalidParameterValueException" -> "InvalidParameterValue";
            default -> e.shape().endsWith("Exception") ? e.shape().substring(0, e.shape().length() - "Exception".length()) : e.shape();
        };
        return BatchResultErrorEntry.builder().id(id).code(code).message(e.getMessage()).senderFault(true).build();
    }
}
