package io.haneul.iam.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tag changes on an IAM entity, with IAM's quota of 50 tags per entity. */
public final class Tags {

    public static final int MAX_TAGS = 50;

    private Tags() {
    }

    /** The tags after adding (or overwriting) {@code added}. */
    public static Map<String, String> merge(Map<String, String> current, Map<String, String> added, String entityKind) {
        Map<String, String> out = new LinkedHashMap<>(current);
        out.putAll(added);
        if (out.size() > MAX_TAGS) {
            throw new IamException(IamError.LimitExceeded, "Cannot exceed quota for TagsPer" + entityKind + ": " + MAX_TAGS + ".");
        }
        return out;
    }

    public static Map<String, String> remove(Map<String, String> current, Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>(current);
        keys.forEach(out::remove);
        return out;
    }
}
