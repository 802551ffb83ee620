package io.haneul.s3.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Object key rules and encodings: at most 1024 bytes of UTF-8; {@code encoding-type=url} answers;
 * the successor of a prefix in S3's (UTF-8 byte, i.e. code point) order.
 */
public final class Keys {

    public static final int MAX_KEY_BYTES = 1024;

    private Keys() {
    }

    /** @throws S3Exception KeyTooLongError */
    public static void check(String key) {
        if (key == null || key.isEmpty()) {
            throw S3Exception.invalidArgument("Key is empty", "Key", "");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3Error.KeyTooLongError, null,
                    S3Exception.ordered("Size", key.getBytes(StandardCharsets.UTF_8).length, "MaxSizeAllowed", MAX_KEY_BYTES));
        }
    }

    /** A key or prefix as S3 writes it under {@code encoding-type=url}: form encoding, with '/' kept. */
    public static String urlEncode(String s) {
        if (s == null) {
            return null;
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2F", "/").replace("%7E", "~");
    }

    /**
     * The smallest string greater than every string that starts with {@code prefix}, in code point
     * order (which is UTF-8 byte order): the prefix with its last code point incremented. Every string
     * {@code s} with {@code prefix <= s < successor(prefix)} starts with {@code prefix}. Null when none
     * exists (the prefix is all U+10FFFF).
     */
    public static String successor(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int cp = prefix.codePointBefore(end);
            int start = end - Character.charCount(cp);
            if (cp < Character.MAX_CODE_POINT) {
                int next = cp + 1;
                if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                return prefix.substring(0, start) + new String(Character.toChars(next));
            }
            end = start;
        }
        return null;
    }

    /** Compares in code point order (S3's order), not Java's UTF-16 order. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
