package io.haneul.iam.domain;

import java.util.Collection;
import java.util.List;
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

    /** One page of an entity's tags, in the order they were added; the marker names the last key answered. */
    public static Paging.Page<Map.Entry<String, String>> page(Map<String, String> tags, String marker, Integer maxItems) {
        int max = Paging.maxItems(maxItems);
        String after = Paging.after(marker);
        List<Map.Entry<String, String>> all = tags.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        List<String> keys = all.stream().map(Map.Entry::getKey).toList();
        int from = after.isEmpty() ? 0 : keys.indexOf(after) + 1;
        List<Map.Entry<String, String>> rest = all.subList(from, all.size());
        return Paging.page(rest.subList(0, Math.min(rest.size(), max + 1)), max, e -> e.getKey());
    }
}
