package io.haneul.ses.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event destination of a configuration set. Event types are kept in their v1 spelling
 * ({@code send}, {@code renderingFailure}, {@code deliveryDelay}, ...); v2's upper-case names
 * convert with {@link #fromV2}/{@link #toV2}.
 */
public final class EventDestination {
    public static final List<String> TYPES = List.of("send", "reject", "bounce", "complaint", "delivery", "open", "click",
            "renderingFailure", "deliveryDelay", "subscription");

    public String name;
    public boolean enabled;
    public List<String> types = new ArrayList<>();
    public String snsTopicArn;
    public String firehoseRoleArn;
    public String firehoseStreamArn;
    /** CloudWatch dimension configurations: name, source, default value. */
    public List<Map<String, String>> cloudWatchDimensions;
    public String eventBridgeBusArn;
    public String pinpointAppArn;

    /** Adds one CloudWatch dimension configuration (both API versions describe them alike). */
    public void addCloudWatchDimension(String dimensionName, String valueSource, String defaultValue) {
        if (cloudWatchDimensions == null) {
            cloudWatchDimensions = new ArrayList<>();
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("name", dimensionName);
        m.put("source", valueSource);
        m.put("default", defaultValue);
        cloudWatchDimensions.add(m);
    }

    public static String fromV2(String v2) {
        String lower = v2.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "rendering_failure" -> "renderingFailure";
            case "delivery_delay" -> "deliveryDelay";
            default -> lower;
        };
    }

    public static String toV2(String v1) {
        return switch (v1) {
            case "renderingFailure" -> "RENDERING_FAILURE";
            case "deliveryDelay" -> "DELIVERY_DELAY";
            default -> v1.toUpperCase(Locale.ROOT);
        };
    }

    /** The eventType string of the published JSON. */
    public static String jsonName(String v1) {
        return switch (v1) {
            case "renderingFailure" -> "Rendering Failure";
            case "deliveryDelay" -> "DeliveryDelay";
            default -> Character.toUpperCase(v1.charAt(0)) + v1.substring(1);
        };
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("enabled", enabled);
        m.put("types", types);
        return m;
    }
}
