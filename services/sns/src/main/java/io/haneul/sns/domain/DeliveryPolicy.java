package io.haneul.sns.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * HTTP/S delivery policies: the topic's {@code {"http": {defaultHealthyRetryPolicy,
 * disableSubscriptionOverrides, defaultThrottlePolicy, defaultRequestPolicy}}} and a subscription's
 * {@code {healthyRetryPolicy, throttlePolicy, requestPolicy}}, and the effective policy a delivery
 * follows (the subscription's sections override the topic's unless the topic disables overrides).
 *
 * @param retry                 retry phases
 * @param maxReceivesPerSecond  throttle, or null for none
 * @param headerContentType     Content-Type of the POST
 */
public record DeliveryPolicy(RetryPolicy retry, Integer maxReceivesPerSecond, String headerContentType) {

    public static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";
    public static final DeliveryPolicy HTTP_DEFAULT = new DeliveryPolicy(RetryPolicy.HTTP_DEFAULT, null, DEFAULT_CONTENT_TYPE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The topic-level http section, validated; null policy means none. */
    public record TopicLevel(DeliveryPolicy defaults, boolean disableSubscriptionOverrides) {
    }

    /** Validates a topic's DeliveryPolicy attribute. */
    public static TopicLevel parseTopic(String json) {
        if (json == null || json.isBlank()) {
            return new TopicLevel(HTTP_DEFAULT, false);
        }
        JsonNode root = read(json, "DeliveryPolicy");
        JsonNode http = root.path("http");
        if (http.isMissingNode()) {
            return new TopicLevel(HTTP_DEFAULT, false);
        }
        RetryPolicy retry = http.has("defaultHealthyRetryPolicy")
                ? RetryPolicy.parse(http.get("defaultHealthyRetryPolicy"), "DeliveryPolicy") : RetryPolicy.HTTP_DEFAULT;
        Integer throttle = throttle(http.path("defaultThrottlePolicy"));
        String ct = contentType(http.path("defaultRequestPolicy"));
        return new TopicLevel(new DeliveryPolicy(retry, throttle, ct == null ? DEFAULT_CONTENT_TYPE : ct),
                http.path("disableSubscriptionOverrides").asBoolean(false));
    }

    /** Validates a subscription's DeliveryPolicy attribute (any section may be left out). */
    public static void validateSubscription(String json) {
        if (json == null || json.isBlank()) {
            return;
        }
        JsonNode root = read(json, "DeliveryPolicy");
        if (root.has("healthyRetryPolicy")) {
            RetryPolicy.parse(root.get("healthyRetryPolicy"), "DeliveryPolicy");
        }
        throttle(root.path("throttlePolicy"));
        contentType(root.path("requestPolicy"));
    }

    /** What a delivery to an HTTP/S subscription follows. */
    public static DeliveryPolicy effective(String topicPolicy, String subscriptionPolicy) {
        TopicLevel topic;
        try {
            topic = parseTopic(topicPolicy);
        } catch (SnsException e) {
            topic = new TopicLevel(HTTP_DEFAULT, false);
        }
        if (topic.disableSubscriptionOverrides() || subscriptionPolicy == null || subscriptionPolicy.isBlank()) {
            return topic.defaults();
        }
        try {
            JsonNode root = read(subscriptionPolicy, "DeliveryPolicy");
            DeliveryPolicy d = topic.defaults();
            RetryPolicy retry = root.has("healthyRetryPolicy") ? RetryPolicy.parse(root.get("healthyRetryPolicy"), "DeliveryPolicy") : d.retry();
            Integer throttle = root.has("throttlePolicy") ? throttle(root.get("throttlePolicy")) : d.maxReceivesPerSecond();
            String ct = contentType(root.path("requestPolicy"));
            return new DeliveryPolicy(retry, throttle, ct == null ? d.headerContentType() : ct);
        } catch (SnsException e) {
            return topic.defaults();
        }
    }

    /** The topic's EffectiveDeliveryPolicy attribute. */
    public static String topicEffectiveJson(String topicPolicy) {
        TopicLevel t;
        try {
            t = parseTopic(topicPolicy);
        } catch (SnsException e) {
            t = new TopicLevel(HTTP_DEFAULT, false);
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode http = root.putObject("http");
        http.set("defaultHealthyRetryPolicy", t.defaults().retry().toJson());
        http.put("disableSubscriptionOverrides", t.disableSubscriptionOverrides());
        if (t.defaults().maxReceivesPerSecond() != null) {
            http.putObject("defaultThrottlePolicy").put("maxReceivesPerSecond", t.defaults().maxReceivesPerSecond());
        }
        http.putObject("defaultRequestPolicy").put("headerContentType", t.defaults().headerContentType());
        return root.toString();
    }

    /** A subscription's EffectiveDeliveryPolicy attribute. */
    public String subscriptionJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("healthyRetryPolicy", retry.toJson());
        root.putNull("sicklyRetryPolicy");
        if (maxReceivesPerSecond == null) {
            root.putNull("throttlePolicy");
        } else {
            root.putObject("throttlePolicy").put("maxReceivesPerSecond", maxReceivesPerSecond);
        }
        root.putObject("requestPolicy").put("headerContentType", headerContentType);
        root.put("guaranteed", false);
        return root.toString();
    }

    private static JsonNode read(String json, String name) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw SnsException.invalidParameter(name + ": must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw SnsException.invalidParameter(name + ": failed to parse JSON. " + e.getOriginalMessage());
        }
    }

    private static Integer throttle(JsonNode n) {
        if (n.isMissingNode() || n.isNull() || !n.has("maxReceivesPerSecond")) {
            return null;
        }
        JsonNode v = n.get("maxReceivesPerSecond");
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw SnsException.invalidParameter("DeliveryPolicy: throttlePolicy.maxReceivesPerSecond must be an integer of at least 1");
        }
        return v.asInt();
    }

    private static String contentType(JsonNode n) {
        if (n.isMissingNode() || n.isNull() || !n.has("headerContentType")) {
            return null;
        }
        String ct = n.get("headerContentType").asText();
        if (!ct.matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+(\\s*;\\s*[A-Za-z-]+=[A-Za-z0-9._-]+)*")) {
            throw SnsException.invalidParameter("DeliveryPolicy: requestPolicy.headerContentType " + ct + " is not a valid content type");
        }
        return ct;
    }
}
