package io.haneul.sns.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag rules: keys 1-128 and values 0-256 characters, no {@code aws:} prefix, at most 50 per resource. */
public final class Tags {

    public static final int MAX_TAGS = 50;

    private Tags() {
    }

    /** A tag as given. */
    public record Tag(String key, String value) {
    }

    /** Validates and returns the tags in order; a key given twice is AWS's "Duplicated keys are not allowed.". */
    public static Map<String, String> validate(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : tags) {
            String k = t.key();
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw SnsException.invalidParameter("Tags Reason: Tag keys must be between 1 and 128 characters");
            }
            if (k.toLowerCase().startsWith("aws:")) {
                throw SnsException.invalidParameter("Tags Reason: The tag key prefix aws: is reserved");
            }
            String v = t.value() == null ? "" : t.value();
            if (v.length() > 256) {
                throw SnsException.invalidParameter("Tags Reason: Tag values must be at most 256 characters");
            }
            if (out.put(k, v) != null) {
                throw SnsException.invalidParameter("Duplicated keys are not allowed.");
            }
        }
        return out;
    }

    /** Merges new tags into existing ones, enforcing the per-resource limit. */
    public static Map<String, String> merge(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> out = new LinkedHashMap<>(existing);
        out.putAll(added);
        if (out.size() > MAX_TAGS) {
            throw new SnsException("TagLimitExceededException", "Could not complete request: tag quota of per resource exceeded");
        }
        return out;
    }
}
