package io.haneul.ses.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A configuration set as stored: event destinations, tracking, delivery, reputation, sending and suppression options. */
public final class ConfigSet {
    public String name;
    public List<EventDestination> destinations = new ArrayList<>();
    /** Custom redirect domain of open/click tracking; null when tracking options are not set. */
    public String trackingDomain;
    public boolean trackingSet;
    public String httpsPolicy;
    public String tlsPolicy = "OPTIONAL";
    /** Set by v1 PutConfigurationSetDeliveryOptions without options: no DeliveryOptions are reported until set again. */
    public boolean deliveryOptionsCleared;
    public String sendingPoolName;
    public Long maxDeliverySeconds;
    public boolean reputationMetricsEnabled;
    public Long lastFreshStartMs;
    public boolean sendingEnabled = true;
    /** Suppressed reasons (BOUNCE, COMPLAINT) of this set, or null to use the account's. */
    public List<String> suppressedReasons;
    public Map<String, String> tags = new LinkedHashMap<>();
    public Map<String, Object> extra = new LinkedHashMap<>();
    public long createdMs;

    public EventDestination destination(String name) {
        return destinations.stream().filter(d -> d.name.equals(name)).findFirst().orElse(null);
    }

    /** True when some enabled destination wants the event type (canonical v1 name, e.g. {@code open}). */
    public boolean wants(String eventType) {
        return destinations.stream().anyMatch(d -> d.enabled && d.types.contains(eventType));
    }

    public boolean wantsAny() {
        return destinations.stream().anyMatch(d -> d.enabled && !d.types.isEmpty());
    }
}
