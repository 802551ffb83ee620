package io.haneul.lambda;

import io.haneul.core.spi.QueueDelivery;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.lambda.domain.DestinationRules;
import io.haneul.lambda.domain.FunctionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where asynchronous invocations' outcomes leave Lambda: invocation records to an SQS queue or an
 * SNS topic (OnSuccess/OnFailure destinations), and failed events to a dead-letter queue or topic,
 * through SQS's and SNS's internal APIs, looked up when needed. Lambda destinations are Lambda's
 * own (see {@link AsyncInvocations}). EventBridge is not part of Haneul: a record for an event bus
 * is logged and dropped. A delivery that fails (a queue that does not exist) is logged, as AWS
 * drops it too: it never fails the invocation's job, which would run the function again.
 */
final class Destinations {

    private static final Logger LOG = LoggerFactory.getLogger(Destinations.class);

    private final Supplier<Optional<QueueDelivery>> queues;
    private final Supplier<Optional<TopicDelivery>> topics;

    Destinations(Supplier<Optional<QueueDelivery>> queues, Supplier<Optional<TopicDelivery>> topics) {
        this.queues = queues;
        this.topics = topics;
    }

    /** Sends an invocation record to a queue, topic or event bus destination. */
    void send(FunctionRecord fn, String destination, String record) {
        try {
            switch (DestinationRules.kind(destination)) {
                case QUEUE -> queue().deliver(destination, fn.account(), fn.arn(), record, Map.of(), null, null);
                case TOPIC -> topic().publish(destination, fn.account(), fn.arn(), null, record);
                case EVENT_BUS -> LOG.warn("EventBridge destinations are not supported: the record for {} to {} is dropped", fn.arn(), destination);
                case FUNCTION -> throw new IllegalArgumentException("Lambda destinations are invoked by AsyncInvocations");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not send the invocation record of {} to {}: {}", fn.arn(), destination, e.getMessage());
        }
    }

    /**
     * Sends a failed event to the function's dead-letter target as AWS does: the event as the body,
     * with the message attributes {@code RequestID}, {@code ErrorCode} and {@code ErrorMessage} (SQS;
     * SNS's internal API carries no attributes, so a topic gets the event alone).
     */
    void deadLetter(FunctionRecord fn, byte[] event, String requestId, int errorCode, String errorMessage) {
        String target = fn.deadLetterTargetArn();
        String body = new String(event, StandardCharsets.UTF_8);
        try {
            if (target.split(":", -1)[2].equals("sqs")) {
                queue().deliver(target, fn.account(), fn.arn(), body, Map.of(
                        "RequestID", new QueueDelivery.Attribute("String", requestId, null),
                        "ErrorCode", new QueueDelivery.Attribute("Number", String.valueOf(errorCode), null),
                        "ErrorMessage", new QueueDelivery.Attribute("String", errorMessage.isEmpty() ? "-" : errorMessage, null)),
                        null, null);
            } else {
                topic().publish(target, fn.account(), fn.arn(), null, body);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not send the failed event of {} to its dead-letter target {}: {}", fn.arn(), target, e.getMessage());
        }
    }

    private QueueDelivery queue() {
        return queues.get().orElseThrow(() -> new IllegalStateException("SQS is not available on this server"));
    }

    private TopicDelivery topic() {
        return topics.get().orElseThrow(() -> new IllegalStateException("SNS is not available on this server"));
    }
}
