package io.haneul.sqs.store;

/**
 * A message to enqueue, already validated, with its checksums computed.
 *
 * @param attributesJson message and system attributes serialized by the provider, or null
 * @param dedupKey       FIFO deduplication key (scope applied), or null
 * @param visibleAt      epoch ms when it may first be received (send time plus delay)
 */
public record NewMessage(String messageId, String body, String attributesJson, String md5Body, String md5Attributes,
                         String md5System, long sentAt, long visibleAt, String groupId, String dedupId,
                         String dedupKey, String senderId, String sourceArn) {
}
