package io.haneul.s3.domain;

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

    /** AWS's tag character set: letters, digits, spaces and {@code _ . : / = + - @}. */
    private static final java.util.regex.Pattern TAG_CHARS = java.util.regex.Pattern.compile("[\\p{L}\\p{Z}\\p{N}\\s_.:/=+\\-@]*");

    /**
     * The tags of an {@code x-amz-tagging} header (URL query encoding), checked as object tags. A header
     * that is not such a query (bad escapes, characters outside the tag set) or names a key twice is
     * AWS's {@code InvalidArgument} on {@code x-amz-tagging}; an empty key or a tag too long is
     * {@code InvalidTag}, as in a tagging document.
     */
    public static Map<String, String> fromHeader(String header) {
        if (header == null || header.isEmpty()) {
            return Map.of();
        }
        List<Tag> tags = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pair : header.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), header);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), header);
            if (!TAG_CHARS.matcher(key).matches() || !TAG_CHARS.matcher(value).matches() || !seen.add(key)) {
                throw malformedHeader(header);
            }
            tags.add(new Tag(key, value));
        }
        return check(tags, MAX_OBJECT_TAGS, true);
    }

    private static String decode(String part, String header) {
        try {
            return java.net.URLDecoder.decode(part, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformedHeader(header);
        }
    }

    private static S3Exception malformedHeader(String header) {
        return S3Exception.invalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters "
                + "without tag name duplicates.", "x-amz-tagging", header);
    }
}
