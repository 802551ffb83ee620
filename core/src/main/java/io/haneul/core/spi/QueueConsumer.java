package io.haneul.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What SQS offers a consumer inside the server (Lambda's event source mappings): receive, delete
 * and hide messages of a queue named by ARN, with the same rules as ReceiveMessage,
 * DeleteMessageBatch and ChangeMessageVisibility (receive counts, the queue's redrive policy,
 * FIFO group ordering). The caller acts in the queue owner's account.
 */
public interface QueueConsumer {

    /** What a consumer needs to know of a queue before reading it. */
    record QueueInfo(String arn, String account, boolean fifo, int visibilityTimeoutSeconds) {
    }

    /** A message attribute as SQS carries it (lists are empty when unused). */
    record Attribute(String dataType, String stringValue, byte[] binaryValue, List<String> stringListValues,
                     List<byte[]> binaryListValues) {
    }

    /**
     * A received message.
     *
     * @param attributes system attributes by AWS's names ({@code SentTimestamp}, {@code ApproximateReceiveCount},
     *                   {@code SenderId}, {@code ApproximateFirstReceiveTimestamp}, FIFO ones), values as strings
     */
    record Message(String messageId, String receiptHandle, String body, String md5OfBody, String md5OfMessageAttributes,
                   Map<String, String> attributes, Map<String, Attribute> messageAttributes) {
    }

    /** The queue, or empty when it does not exist. */
    Optional<QueueInfo> describe(String queueArn);

    /**
     * Receives up to {@code maxMessages} (1 to 10), waiting up to {@code waitSeconds} (0 to 20) for the
     * first; messages past the queue's maxReceiveCount go to its dead-letter queue instead.
     *
     * @param visibilitySeconds how long the received messages stay hidden, or null for the queue's own timeout
     * @throws QueueDelivery.QueueDeliveryException when the queue is gone
     */
    List<Message> receive(String queueArn, int maxMessages, int waitSeconds, Integer visibilitySeconds)
            throws InterruptedException;

    /** Deletes received messages by receipt handle; handles that no longer match a message are ignored. */
    void delete(String queueArn, List<String> receiptHandles);

    /** Changes how long a received message stays hidden (0: visible again at once); a stale handle is ignored. */
    void changeVisibility(String queueArn, String receiptHandle, int seconds);

    /**
     * Deletes every message of the queue, with PurgeQueue's rule of one purge a minute.
     *
     * @throws QueueDelivery.QueueDeliveryException {@code AWS.SimpleQueueService.NonExistentQueue} for a missing queue,
     *                                              {@code AWS.SimpleQueueService.PurgeQueueInProgress} within a minute of the last purge
     * @throws UnsupportedOperationException from a consumer that cannot purge
     */
    default void purge(String queueArn) {
        throw new UnsupportedOperationException("purge");
    }
}
