package io.haneul.s3.domain;

import io.haneul.core.wire.WireRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tag sets of buckets (up to 50 tags) and objects (up to 10): keys of 1 to 128 characters, values up
 * to 256, no key twice, none in the reserved {@code aws:} namespace.
 */
public final class Tags {

    public static final int MAX_OBJECT_TAGS = 10;
    public static final int MAX_BUCKET_TAGS = 50;

    private Tags() {
    }

    /** A tag as given, before checks. */
    public record Tag(String key, String value) {
    }

    /** Checks tags and returns them as an ordered map. */
    public static Map<String, String> check(List<Tag> tags, int max, boolean object) {
        if (tags.size() > max) {
            throw new S3Exception(object ? S3Error.BadRequest : S3Error.InvalidTag,
                    object ? "Object tags cannot be greater than " + max : "Bucket tag count cannot be greater than " + max);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : tags) {
            String key = t.key() == null ? "" : t.key();
            String value = t.value() == null ? "" : t.value();
            if (key.isEmpty() || key.codePointCount(0, key.length()) > 128) {
                throw new S3Exception(S3Error.InvalidTag, "The TagKey you have provided is invalid",
                        S3Exception.ordered("TagKey", key));
            }
            if (value.codePointCount(0, value.length()) > 256) {
                throw new S3Exception(S3Error.InvalidTag, "The TagValue you have provided is invalid",
                        S3Exception.ordered("TagKey", key, "TagValue", value));
            }
            if (key.startsWith("aws:")) {
                throw new S3Exception(S3Error.InvalidTag, "System tags cannot be added/updated by requester");
            }
            if (out.put(key, value) != null) {
                throw new S3Exception(S3Error.InvalidTag, "Cannot provide multiple Tags with the same key",
                        S3Exception.ordered("TagKey", key));
            }
        }
        return out;
    }

    /** The tags of an {@code x-amz-tagging} header (URL query encoding), checked as object tags. */
    public static Map<String, String> fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return Map.of();
        }
        List<Tag> tags = new java.util.ArrayList<>();
        WireRequest.parseForm(header).forEach((k, values) -> values.forEach(v -> tags.add(new Tag(k, v))));
        return check(tags, MAX_OBJECT_TAGS, true);
    }
}
