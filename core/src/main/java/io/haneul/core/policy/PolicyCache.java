package io.haneul.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed policies by their text, so that a policy stored with a resource is parsed once rather than
 * on every request. Bounded (least recently used out); one per service, never shared statically.
 * A text that does not parse is remembered as empty: it grants nothing.
 */
public final class PolicyCache {

    private final int capacity;
    private final Map<String, Optional<PolicyDocument>> byText;

    public PolicyCache(int capacity) {
        this.capacity = capacity;
        this.byText = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<PolicyDocument>> eldest) {
                return size() > PolicyCache.this.capacity;
            }
        };
    }

    /** The parsed policy, or empty when the text is null, blank or malformed. */
    public Optional<PolicyDocument> get(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        synchronized (byText) {
            Optional<PolicyDocument> cached = byText.get(text);
            if (cached != null) {
                return cached;
            }
        }
        Optional<PolicyDocument> parsed;
        try {
            parsed = Optional.of(PolicyDocument.parse(text));
        } catch (MalformedPolicyException e) {
            parsed = Optional.empty();
        }
        synchronized (byText) {
            byText.put(text, parsed);
        }
        return parsed;
    }

    /** The decision of the policy in {@code text} (NOT_GRANTED when there is none or it is malformed). */
    public Decision evaluate(String text, AccessRequest request) {
        return get(text).map(p -> p.evaluate(request)).orElse(Decision.NOT_GRANTED);
    }
}
