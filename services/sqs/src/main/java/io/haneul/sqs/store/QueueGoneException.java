package io.haneul.sqs.store;

/**
 * A write found its queue deleted (by this node or another, after the caller looked the queue up):
 * the send is refused as AWS refuses a send to a queue that does not exist.
 */
public final class QueueGoneException extends RuntimeException {
    public QueueGoneException(long queueId) {
        super("queue " + queueId + " no longer exists", null, false, false);
    }
}
