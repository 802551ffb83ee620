package io.haneul.sqs;

import io.haneul.core.spi.QueueConsumer;
import io.haneul.core.spi.QueueDelivery.QueueDeliveryException;
import io.haneul.sqs.domain.QueueArn;
import io.haneul.sqs.domain.QueueArns;
import io.haneul.sqs.domain.QueueAttributes;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.store.QueueRecord;
import io.haneul.sqs.store.SqlQueueStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQS as a consumer inside the server reads it (Lambda's event source mappings): the same
 * receive, delete and visibility rules as the API, so receive counts, redrive to the queue's
 * dead-letter queue and FIFO group ordering apply to the consumer as to any client.
 */
final class SqsQueueConsumer implements QueueConsumer {

    private static final List<String> ALL = List.of("All");

    private final SqlQueueStore store;
    private final MessageService messages;
    private final QueueService queues;
    private final ReceivedMessages received = new ReceivedMessages(new MessageAttributeJson());

    SqsQueueConsumer(SqlQueueStore store, MessageService messages, QueueService queues) {
        this.store = store;
        this.messages = messages;
        this.queues = queues;
    }

    /** PurgeQueue for a service integration (API Gateway's {@code SQS-PurgeQueue}): the same once-a-minute rule. */
    @Override
    public void purge(String queueArn) {
        QueueRecord q = require(queueArn);
        try {
            queues.purge(q);
        } catch (SqsException e) {
            throw new QueueDeliveryException(e.error().shape(), e.getMessage());
        }
    }

    @Override
    public Optional<QueueInfo> describe(String queueArn) {
        return find(queueArn).map(q -> new QueueInfo(QueueService.arn(q), q.account(), q.fifo(),
                QueueAttributes.restore(q.attributes()).visibilityTimeout()));
    }

    @Override
    public List<QueueConsumer.Message> receive(String queueArn, int maxMessages, int waitSeconds, Integer visibilitySeconds)
            throws InterruptedException {
        QueueRecord q = require(queueArn);
        try {
            List<MessageService.Delivered> got = messages.receive(q, maxMessages, visibilitySeconds, waitSeconds);
            List<QueueConsumer.Message> out = new ArrayList<>(got.size());
            for (MessageService.Delivered d : got) {
                out.add(toSpi(received.toSdk(q, d, ALL, ALL)));
            }
            return out;
        } catch (SqsException e) {
            throw new QueueDeliveryException(e.error().shape(), e.getMessage());
        }
    }

    @Override
    public void delete(String queueArn, List<String> receiptHandles) {
        find(queueArn).ifPresent(q -> messages.deleteBatch(q, receiptHandles));
    }

    @Override
    public void changeVisibility(String queueArn, String receiptHandle, int seconds) {
        find(queueArn).ifPresent(q -> {
            try {
                messages.changeVisibility(q, receiptHandle, seconds);
            } catch (SqsException e) {
                // the message was deleted or received again meanwhile: nothing to hide or show
            }
        });
    }

    private Optional<QueueRecord> find(String queueArn) {
        Optional<QueueArn> arn = QueueArns.tryParse(queueArn);
        return arn.flatMap(a -> store.find(a.accountId(), a.region(), a.queueName()));
    }

    private QueueRecord require(String queueArn) {
        return find(queueArn).orElseThrow(() -> new QueueDeliveryException("AWS.SimpleQueueService.NonExistentQueue",
                "The specified queue does not exist: " + queueArn));
    }

    private static QueueConsumer.Message toSpi(software.amazon.awssdk.services.sqs.model.Message m) {
        Map<String, Attribute> user = new LinkedHashMap<>();
        if (m.hasMessageAttributes()) {
            m.messageAttributes().forEach((name, v) -> user.put(name, attribute(v)));
        }
        return new QueueConsumer.Message(m.messageId(), m.receiptHandle(), m.body(), m.md5OfBody(), m.md5OfMessageAttributes(),
                m.hasAttributes() ? Map.copyOf(m.attributesAsStrings()) : Map.of(), user);
    }

    private static Attribute attribute(MessageAttributeValue v) {
        return new Attribute(v.dataType(), v.stringValue(), v.binaryValue() == null ? null : v.binaryValue().asByteArray(),
                v.hasStringListValues() ? v.stringListValues() : List.of(),
                v.hasBinaryListValues() ? v.binaryListValues().stream().map(SdkBytes::asByteArray).toList() : List.of());
    }
}
