package io.haneul.sqs.domain;

import java.util.Objects;

/**
 * A queue's ARN, {@code arn:<partition>:sqs:<region>:<account>:<name>}, as its parts.
 *
 * @param partition normally {@code aws}
 * @param region    e.g. {@code us-east-1}
 * @param accountId 12-digit account id
 * @param queueName the queue's name
 */
public record QueueArn(String partition, String region, String accountId, String queueName) {

    public QueueArn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(queueName, "queueName");
    }

    /** An ARN in the {@code aws} partition. */
    public QueueArn(String region, String accountId, String queueName) {
        this("aws", region, accountId, queueName);
    }

    /** Whether the queue it names is FIFO (by its name's suffix). */
    public boolean fifo() {
        return QueueName.hasFifoSuffix(queueName);
    }

    /** The ARN string. */
    @Override
    public String toString() {
        return "arn:" + partition + ":sqs:" + region + ":" + accountId + ":" + queueName;
    }
}
