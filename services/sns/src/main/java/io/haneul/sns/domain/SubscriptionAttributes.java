package io.haneul.sns.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Subscription attributes that may be set (Subscribe's Attributes, SetSubscriptionAttributes) and
 * their rules: RawMessageDelivery for sqs/http/https/firehose, DeliveryPolicy for http/https,
 * FilterPolicy and its scope, RedrivePolicy, SubscriptionRoleArn (firehose), ReplayPolicy (FIFO).
 */
public final class SubscriptionAttributes {

    public static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "FilterPolicy", "FilterPolicyScope",
            "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");

    private SubscriptionAttributes() {
    }

    /**
     * Validates attributes (all of Subscribe's, or SetSubscriptionAttributes' one change applied to the
     * current ones) and returns the attributes to store; an empty value removes an attribute.
     *
     * @param subscribeCall true for Subscribe, whose errors AWS prefixes with "Attributes Reason: "
     */
    public static Map<String, String> apply(Map<String, String> current, Map<String, String> changes, Protocol protocol,
                                            String topicArn, boolean subscribeCall) {
        String prefix = subscribeCall ? "Attributes Reason: " : "";
        Map<String, String> out = new LinkedHashMap<>(current);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            String name = e.getKey();
            String v = e.getValue() == null ? "" : e.getValue();
            if (!SETTABLE.contains(name)) {
                throw SnsException.invalidParameter(subscribeCall ? "Attributes Reason: Unknown attribute " + name : "AttributeName");
            }
            switch (name) {
                case "RawMessageDelivery" -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw SnsException.invalidParameter(prefix + "RawMessageDelivery: Invalid value [" + v + "]. Must be true or false.");
                    }
                    if (!protocol.supportsRaw()) {
                        throw SnsException.invalidParameter(prefix + "Delivery protocol [" + protocol.wire()
                                + "] does not support raw message delivery.");
                    }
                    v = v.toLowerCase();
                }
                case "DeliveryPolicy" -> {
                    if (!v.isEmpty() && !protocol.http()) {
                        throw SnsException.invalidParameter(prefix + "DeliveryPolicy: Delivery protocol [" + protocol.wire()
                                + "] does not support delivery policies.");
                    }
                    DeliveryPolicy.validateSubscription(v);
                }
                case "FilterPolicyScope" -> FilterPolicy.Scope.parse(v.isEmpty() ? null : v);
                case "RedrivePolicy" -> {
                    if (!v.isEmpty()) {
                        RedrivePolicy.validate(v, topicArn, prefix);
                    }
                }
                case "SubscriptionRoleArn" -> {
                    if (!v.isEmpty() && !v.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
                        throw SnsException.invalidParameter(prefix + "SubscriptionRoleArn: " + v + " is not a valid IAM role ARN");
                    }
                }
                case "ReplayPolicy" -> {
                    if (!topicArn.endsWith(".fifo")) {
                        throw SnsException.invalidParameter(prefix + "ReplayPolicy: Message replay is only supported for FIFO topics");
                    }
                }
                default -> {
                }
            }
            if (v.isEmpty()) {
                out.remove(name);
            } else {
                out.put(name, v);
            }
        }
        String filter = out.get("FilterPolicy");
        if (filter != null) {
            FilterPolicy.parse(filter, FilterPolicy.Scope.parse(out.get("FilterPolicyScope")), subscribeCall);
        }
        if (protocol == Protocol.FIREHOSE && !out.containsKey("SubscriptionRoleArn")) {
            throw SnsException.invalidParameter(prefix + "SubscriptionRoleArn: firehose subscriptions need a SubscriptionRoleArn");
        }
        return out;
    }

    /** Everything GetSubscriptionAttributes answers. */
    public static Map<String, String> render(String subscriptionArn, String topicArn, String owner, Protocol protocol,
                                             String endpoint, boolean pending, boolean authenticated, Map<String, String> stored,
                                             String topicDeliveryPolicy) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ConfirmationWasAuthenticated", Boolean.toString(authenticated));
        out.put("PendingConfirmation", Boolean.toString(pending));
        out.put("TopicArn", topicArn);
        out.put("Owner", owner);
        out.put("RawMessageDelivery", stored.getOrDefault("RawMessageDelivery", "false"));
        out.put("SubscriptionArn", subscriptionArn);
        out.put("Protocol", protocol.wire());
        out.put("Endpoint", endpoint);
        out.put("SubscriptionPrincipal", Arns.accountRoot(owner));
        if (protocol.http()) {
            out.put("EffectiveDeliveryPolicy", DeliveryPolicy.effective(topicDeliveryPolicy, stored.get("DeliveryPolicy")).subscriptionJson());
        }
        stored.forEach(out::putIfAbsent);
        if (stored.containsKey("FilterPolicy")) {
            out.putIfAbsent("FilterPolicyScope", "MessageAttributes");
        }
        return out;
    }
}
