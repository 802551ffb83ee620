package io.haneul.sqs.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the store knows about a queue beyond its settable attributes: its ARN, message counts and
 * timestamps, from which the read-only attributes are computed.
 */
public record QueueRuntime(String queueArn, long approximateNumberOfMessages, long approximateNumberOfMessagesNotVisible,
                           long approximateNumberOfMessagesDelayed, Instant createdTimestamp, Instant lastModifiedTimestamp) {

    /** The read-only attributes; timestamps are epoch seconds, as SQS gives them. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(QueueAttributeNames.QUEUE_ARN, queueArn);
        m.put(QueueAttributeNames.APPROXIMATE_NUMBER_OF_MESSAGES, Long.toString(approximateNumberOfMessages));
        m.put(QueueAttributeNames.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, Long.toString(approximateNumberOfMessagesNotVisible));
        m.put(QueueAttributeNames.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, Long.toString(approximateNumberOfMessagesDelayed));
        m.put(QueueAttributeNames.CREATED_TIMESTAMP, Long.toString(createdTimestamp.getEpochSecond()));
        m.put(QueueAttributeNames.LAST_MODIFIED_TIMESTAMP, Long.toString(lastModifiedTimestamp.getEpochSecond()));
        return m;
    }
}
