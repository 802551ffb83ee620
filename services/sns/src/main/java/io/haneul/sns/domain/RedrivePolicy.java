package io.haneul.sns.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A subscription's RedrivePolicy: {@code {"deadLetterTargetArn": "<SQS queue ARN>"}}, a queue in the
 * subscription's account and region; a subscription of a FIFO topic needs a FIFO queue.
 */
public final class RedrivePolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedrivePolicy() {
    }

    /** Validates the policy; returns the dead-letter queue ARN. */
    public static Arns.QueueArn validate(String policy, String topicArn, String prefix) {
        JsonNode n;
        try {
            n = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw SnsException.invalidParameter(prefix + "RedrivePolicy: failed to parse JSON. " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || !n.has("deadLetterTargetArn")) {
            throw SnsException.invalidParameter(prefix + "RedrivePolicy: deadLetterTargetArn is required");
        }
        String target = n.get("deadLetterTargetArn").asText();
        Arns.QueueArn q = Arns.queue(target)
                .orElseThrow(() -> SnsException.invalidParameter(prefix + "RedrivePolicy: deadLetterTargetArn is an invalid arn"));
        Arns.SnsArn topic = Arns.parse(topicArn).orElseThrow();
        if (!q.account().equals(topic.account()) || !q.region().equals(topic.region())) {
            throw SnsException.invalidParameter(prefix
                    + "RedrivePolicy: the dead-letter queue must be in the same account and region as the subscription");
        }
        if (topicArn.endsWith(".fifo") && !q.fifo()) {
            throw SnsException.invalidParameter(prefix
                    + "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.");
        }
        return q;
    }

    /** The dead-letter queue ARN of a stored (already valid) policy, or null. */
    public static String target(String policy) {
        if (policy == null || policy.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(policy);
            return n != null && n.has("deadLetterTargetArn") ? n.get("deadLetterTargetArn").asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
