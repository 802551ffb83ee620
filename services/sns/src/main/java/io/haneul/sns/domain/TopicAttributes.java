package io.haneul.sns.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Topic attributes: which may be set (at creation or later), their values, and what
 * GetTopicAttributes answers beside the stored ones (owner, counts, effective delivery policy).
 */
public final class TopicAttributes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FEEDBACK_PROTOCOLS = Set.of("HTTP", "Application", "Lambda", "SQS", "Firehose");
    private static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "DisplayName", "Policy", "TracingConfig",
            "KmsMasterKeyId", "SignatureVersion", "ContentBasedDeduplication", "FifoThroughputScope", "ArchivePolicy");

    private TopicAttributes() {
    }

    /** True for names SetTopicAttributes accepts. */
    public static boolean settable(String name) {
        if (SETTABLE.contains(name)) {
            return true;
        }
        for (String p : FEEDBACK_PROTOCOLS) {
            if (name.equals(p + "SuccessFeedbackRoleArn") || name.equals(p + "FailureFeedbackRoleArn")
                    || name.equals(p + "SuccessFeedbackSampleRate")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Validates attributes given to CreateTopic (FifoTopic included) and returns them normalized.
     */
    public static Map<String, String> validateCreate(Map<String, String> attributes, boolean fifo) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().equals("FifoTopic")) {
                if (fifo) {
                    out.put("FifoTopic", "true");
                }
                continue;
            }
            if (!settable(e.getKey())) {
                throw SnsException.invalidParameter("Attributes Reason: Unknown attribute " + e.getKey());
            }
            out.put(e.getKey(), validate(e.getKey(), e.getValue(), fifo, "Attributes Reason: "));
        }
        return out;
    }

    /** Validates one SetTopicAttributes change; returns the value to store (null to remove). */
    public static String validateSet(String name, String value, boolean fifo) {
        if (name == null || !settable(name)) {
            throw SnsException.invalidParameter("AttributeName");
        }
        return validate(name, value == null ? "" : value, fifo, "");
    }

    private static String validate(String name, String value, boolean fifo, String prefix) {
        String v = value == null ? "" : value;
        switch (name) {
            case "DisplayName" -> {
                if (v.length() > 100) {
                    throw SnsException.invalidParameter(prefix + "DisplayName: must be at most 100 characters");
                }
            }
            case "Policy" -> {
                if (!v.isEmpty()) {
                    TopicPolicy.validate(v, prefix);
                }
            }
            case "DeliveryPolicy" -> DeliveryPolicy.parseTopic(v);
            case "TracingConfig" -> {
                if (!v.equals("PassThrough") && !v.equals("Active")) {
                    throw SnsException.invalidParameter(prefix + "TracingConfig: Invalid value [" + v + "]. Please use either PassThrough or Active");
                }
            }
            case "SignatureVersion" -> {
                if (!v.equals("1") && !v.equals("2")) {
                    throw SnsException.invalidParameter(prefix + "SignatureVersion: Invalid value [" + v + "]. Please use either 1 or 2");
                }
            }
            case "ContentBasedDeduplication" -> {
                if (!fifo) {
                    throw SnsException.invalidParameter(prefix + "ContentBasedDeduplication: Content-based deduplication can only be set for FIFO topics");
                }
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw SnsException.invalidParameter(prefix + "ContentBasedDeduplication: Invalid value [" + v + "]");
                }
                return v.toLowerCase();
            }
            case "FifoThroughputScope" -> {
                if (!fifo) {
                    throw SnsException.invalidParameter(prefix + "FifoThroughputScope: FifoThroughputScope can only be set for FIFO topics");
                }
                if (!v.equals("Topic") && !v.equals("MessageGroup")) {
                    throw SnsException.invalidParameter(prefix + "FifoThroughputScope: Invalid value [" + v + "]. Please use either Topic or MessageGroup");
                }
            }
            case "ArchivePolicy" -> {
                if (!fifo) {
                    throw SnsException.invalidParameter(prefix + "ArchivePolicy: The ArchivePolicy attribute is only supported for FIFO topics");
                }
                if (!v.isEmpty()) {
                    validateArchivePolicy(v, prefix);
                }
            }
            default -> {
                if (name.endsWith("SampleRate") && !v.isEmpty()
                        && (!v.matches("\\d{1,3}") || Integer.parseInt(v) > 100)) {
                    throw SnsException.invalidParameter(prefix + name + ": must be an integer from 0 to 100");
                }
                if (name.endsWith("RoleArn") && !v.isEmpty() && !v.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
                    throw SnsException.invalidParameter(prefix + name + ": " + v + " is not a valid IAM role ARN");
                }
            }
        }
        return v;
    }

    private static void validateArchivePolicy(String v, String prefix) {
        try {
            JsonNode n = JSON.readTree(v);
            JsonNode period = n == null ? null : n.get("MessageRetentionPeriod");
            if (period == null || !period.asText().matches("\\d{1,3}") || period.asInt() < 1 || period.asInt() > 365) {
                throw SnsException.invalidParameter(prefix + "ArchivePolicy: MessageRetentionPeriod must be a number of days from 1 to 365");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw SnsException.invalidParameter(prefix + "ArchivePolicy: failed to parse JSON");
        }
    }

    /** Subscription counts shown by GetTopicAttributes. */
    public record Counts(long confirmed, long pending, long deleted) {
    }

    /** Everything GetTopicAttributes answers, in AWS's order. */
    public static Map<String, String> render(String topicArn, String owner, boolean fifo, Map<String, String> stored, Counts counts) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Policy", stored.getOrDefault("Policy", TopicPolicy.defaultPolicy(topicArn, owner)));
        out.put("Owner", owner);
        out.put("SubscriptionsPending", Long.toString(counts.pending()));
        out.put("TopicArn", topicArn);
        out.put("EffectiveDeliveryPolicy", DeliveryPolicy.topicEffectiveJson(stored.get("DeliveryPolicy")));
        out.put("SubscriptionsConfirmed", Long.toString(counts.confirmed()));
        out.put("DisplayName", stored.getOrDefault("DisplayName", ""));
        out.put("SubscriptionsDeleted", Long.toString(counts.deleted()));
        if (fifo) {
            out.put("FifoTopic", "true");
            out.put("ContentBasedDeduplication", stored.getOrDefault("ContentBasedDeduplication", "false"));
        }
        stored.forEach((k, v) -> {
            if (!k.equals("Policy") && !k.equals("DisplayName") && !k.equals("FifoTopic") && !v.isEmpty()) {
                out.putIfAbsent(k, v);
            }
        });
        return out;
    }
}
