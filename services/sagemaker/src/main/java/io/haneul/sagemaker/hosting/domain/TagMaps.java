package io.haneul.sagemaker.hosting.domain;

import software.amazon.awssdk.services.sagemaker.model.Tag;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Tags a Create call carries, as the tag table stores them (a missing value is the empty string). */
public final class TagMaps {

    private TagMaps() {
    }

    /** The tags by key, in the order given; empty for none. */
    public static Map<String, String> of(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value() == null ? "" : t.value()));
        }
        return map;
    }

    /** The first key given twice, or null. */
    public static String duplicateKey(List<Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (Tag t : tags == null ? List.<Tag>of() : tags) {
            if (!seen.add(t.key())) {
                return t.key();
            }
        }
        return null;
    }
}
