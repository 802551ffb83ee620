package io.haneul.it.sqs.durability;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assertions the durability tests share: nothing acknowledged lost, nothing stored or handed out twice. */
final class Checks {

    private Checks() {
    }

    /**
     * Every acknowledged body was delivered, under the message id its send answered; no body was
     * stored under two message ids; nothing was delivered that nobody sent; no message was handed
     * out twice within its visibility timeout.
     */
    static void nothingLostNothingDoubled(Producers producers, Consumers consumers, int visibilitySeconds) {
        Map<String, Set<String>> idsByBody = consumers.messageIdsByBody();
        List<String> lost = new ArrayList<>();
        List<String> wrongId = new ArrayList<>();
        producers.acked.forEach((body, messageId) -> {
            Set<String> ids = idsByBody.get(body);
            if (ids == null) {
                lost.add(body);
            } else if (!ids.contains(messageId)) {
                wrongId.add(body + " acked as " + messageId + ", delivered as " + ids);
            }
        });
        assertTrue(lost.isEmpty(), lost.size() + " of " + producers.acked.size() + " acknowledged messages were lost, e.g. "
                + lost.subList(0, Math.min(5, lost.size())));
        assertTrue(wrongId.isEmpty(), "acknowledged ids differ from delivered ids: " + wrongId.subList(0, Math.min(5, wrongId.size())));
        List<String> doubled = idsByBody.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " -> " + e.getValue()).toList();
        assertTrue(doubled.isEmpty(), doubled.size() + " bodies sent once are stored more than once, e.g. "
                + doubled.subList(0, Math.min(5, doubled.size())));
        List<String> unknown = idsByBody.keySet().stream().filter(b -> !producers.attempted.contains(b)).toList();
        assertTrue(unknown.isEmpty(), "delivered bodies nobody sent: " + unknown.subList(0, Math.min(5, unknown.size())));
        List<String> violations = consumers.visibilityViolations(visibilitySeconds);
        assertTrue(violations.isEmpty(), violations.size() + " deliveries inside the visibility timeout of an earlier one, e.g. "
                + violations.subList(0, Math.min(5, violations.size())));
    }

    /** Deletes each message by its newest receipt handle, ten at a time; every entry must succeed. */
    static void deleteAll(SqsClient client, String queueUrl, List<Consumers.Receipt> receipts) {
        for (int from = 0; from < receipts.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(receipts.size(), from + 10); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id("d" + i).receiptHandle(receipts.get(i).handle()).build());
            }
            var r = client.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            assertTrue(r.failed().isEmpty(), "deletes failed: " + r.failed());
            assertEquals(entries.size(), r.successful().size());
        }
    }

    /** Visible plus in-flight plus delayed messages, as GetQueueAttributes reports them. */
    static long messagesIn(SqsClient client, String queueUrl) {
        Map<QueueAttributeName, String> a = client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }
}
