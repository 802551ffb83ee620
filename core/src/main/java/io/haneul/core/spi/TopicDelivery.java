package io.haneul.core.spi;

/**
 * What SNS offers other services (S3 event notifications, SES feedback): publish a message to a topic
 * named by ARN, as the named sender, with the same durability and fan-out as Publish. Implemented by
 * the SNS module (exported like SQS's {@link QueueDelivery}); callers look it up lazily with
 * {@link ServiceEnvironment#find} at delivery time.
 */
public interface TopicDelivery {

    /**
     * Publishes a message.
     *
     * @param senderAccount account of the service publishing (checked against the topic's policy when it
     *                      differs from the topic's owner)
     * @param sourceArn     ARN of the publishing resource (an S3 bucket), for policy conditions
     * @param subject       the message subject, or null
     * @return the SNS message id
     * @throws TopicDeliveryException when the topic does not exist, denies access or rejects the message
     */
    String publish(String topicArn, String senderAccount, String sourceArn, String subject, String message);

    /**
     * Whether a topic with this ARN exists now, for services that check the topics a resource names
     * when it is configured (SES event destinations answer {@code InvalidSNSDestination}, Elastic
     * Transcoder refuses pipeline notifications to a missing topic) rather than at delivery time.
     */
    boolean topicExists(String topicArn);

    /** A publish that failed for a reason the caller may record and retry or drop. */
    final class TopicDeliveryException extends ServiceCallException {
        public TopicDeliveryException(String code, String message) {
            super(code, message);
        }
    }
}
