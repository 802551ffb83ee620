package io.haneul.sqs.domain;

/**
 * A message that passed {@link MessageValidation#validateSend}: what the store needs to enqueue it.
 *
 * @param delaySeconds        the delay to apply (the queue's when the request set none, or for FIFO)
 * @param messageGroupId      null when none was given (standard queues)
 * @param deduplicationId     FIFO: explicit or content-based; null for standard queues
 * @param md5OfAttributes     null when there are no message attributes
 * @param md5OfSystemAttributes null when there are no system attributes
 */
public record ValidatedSend(int delaySeconds, String messageGroupId, String deduplicationId, String md5OfBody,
                            String md5OfAttributes, String md5OfSystemAttributes) {
}
