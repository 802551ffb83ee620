package io.haneul.sqs.store;

/**
 * A message as stored, as a receive hands it out.
 */
public record StoredMessage(long rowId, String messageId, String body, String attributesJson, String md5Body,
                            String md5Attributes, String md5System, long sentAt, long visibleAt, int receiveCount,
                            long firstReceiveAt, long nonce, String groupId, String dedupId, String sequenceNumber,
                            String senderId, String sourceArn, long retentionBase) {

    /** This message as a receive at {@code now} leased it: visible again at {@code visibleUntil}, one more receive, the lease's nonce. */
    StoredMessage leased(long now, long visibleUntil, long nonce) {
        return new StoredMessage(rowId, messageId, body, attributesJson, md5Body, md5Attributes, md5System, sentAt, visibleUntil,
                receiveCount + 1, firstReceiveAt == 0 ? now : firstReceiveAt, nonce, groupId, dedupId, sequenceNumber, senderId,
                sourceArn, retentionBase);
    }
}
