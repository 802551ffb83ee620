package io.haneul.sqs.store;

/**
 * A message as stored, as a receive hands it out.
 */
public record StoredMessage(long rowId, String messageId, String body, String attributesJson, String md5Body,
                            String md5Attributes, String md5System, long sentAt, long visibleAt, int receiveCount,
                            long firstReceiveAt, long nonce, String groupId, String dedupId, String sequenceNumber,
                            String senderId, String sourceArn, long retentionBase) {
}
