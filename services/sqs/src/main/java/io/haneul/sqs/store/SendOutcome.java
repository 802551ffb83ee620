package io.haneul.sqs.store;

/**
 * What a send did: enqueued a new message, or recognised a FIFO duplicate within the
 * deduplication window (answered as a success with the original's id, not delivered again).
 */
public record SendOutcome(String messageId, String sequenceNumber, boolean duplicate) {
}
