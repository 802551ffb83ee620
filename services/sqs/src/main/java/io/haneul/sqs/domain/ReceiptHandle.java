package io.haneul.sqs.domain;

import java.util.Objects;

/**
 * What a receipt handle names: one receive of one message. Each receive gets a new {@code nonce};
 * an older handle still names the same message, and the store decides whether its nonce is current.
 *
 * @param queueId   the store's queue id (handles are only valid on their queue)
 * @param rowId     the store's row id of the message
 * @param messageId the message's MessageId
 * @param nonce     the receive this handle came from
 */
public record ReceiptHandle(long queueId, long rowId, String messageId, long nonce) {

    public ReceiptHandle {
        Objects.requireNonNull(messageId, "messageId");
    }
}
