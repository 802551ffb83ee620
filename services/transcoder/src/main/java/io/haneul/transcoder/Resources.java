package io.haneul.transcoder;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.transcoder.domain.TranscoderException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The other services a pipeline names, as Elastic Transcoder checks them: its S3 buckets must exist in
 * the account and its notification topics in SNS. Both are looked up when needed, so that Elastic
 * Transcoder starts before (or without) S3 and SNS.
 */
final class Resources {

    private final Supplier<Optional<ObjectStorage>> storage;
    private final Supplier<Optional<TopicDelivery>> topics;

    Resources(Supplier<Optional<ObjectStorage>> storage, Supplier<Optional<TopicDelivery>> topics) {
        this.storage = storage;
        this.topics = topics;
    }

    ObjectStorage storage() {
        return storage.get().orElseThrow(() -> new TranscoderException("InternalServiceException", 500,
                "Amazon S3 is not enabled on this server (--services)."));
    }

    Optional<TopicDelivery> topics() {
        return topics.get();
    }

    /** Refuses a bucket that does not exist or that the account does not own. */
    void requireBucket(String account, String bucket) {
        if (bucket == null) {
            return;
        }
        try {
            storage().headObject(account, bucket, ".haneul-transcoder-probe");
        } catch (ObjectStorage.ObjectStorageException e) {
            if (e.code().equals("AccessDenied")) {
                throw TranscoderException.accessDenied("Access to the bucket is denied: bucket=" + bucket + ".");
            }
            throw TranscoderException.validation("The specified bucket does not exist: bucket=" + bucket + ".");
        }
    }

    /** Refuses a topic ARN SNS does not know (an empty ARN means no notification). */
    void requireTopic(String setting, String arn) {
        if (arn == null || arn.isEmpty()) {
            return;
        }
        TopicDelivery sns = topics().orElseThrow(() -> TranscoderException.validation(
                "The specified SNS topic does not exist: " + setting + "=" + arn + " (Amazon SNS is not enabled on this server)."));
        if (!sns.topicExists(arn)) {
            throw TranscoderException.validation("The specified SNS topic does not exist: " + setting + "=" + arn + ".");
        }
    }
}
