package io.haneul.core.spi;

import java.util.Map;

/**
 * What SQS offers other services (SNS subscriptions, S3 and SES notifications): put a message on a
 * queue named by ARN, as the named sender, with the same durability as SendMessage.
 */
public interface QueueDelivery {

    /** A message attribute as SQS carries it. */
    record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    }

    /**
     * Enqueues a message.
     *
     * @param senderAccount account of the service delivering (checked against the queue's policy when
     *                      it differs from the queue's owner)
     * @param sourceArn     ARN of the delivering resource (an SNS topic, an S3 bucket), for policy conditions
     * @param groupId       FIFO message group, or null
     * @param dedupId       FIFO deduplication id, or null
     * @return the SQS message id
     * @throws QueueDeliveryException when the queue does not exist, denies access or rejects the message
     */
    String deliver(String queueArn, String senderAccount, String sourceArn, String body, Map<String, Attribute> attributes,
                   String groupId, String dedupId);

    /** A delivery that failed for a reason the caller may record and retry or dead-letter. */
    final class QueueDeliveryException extends ServiceCallException {
        public QueueDeliveryException(String code, String message) {
            super(code, message);
        }
    }
}
