package io.haneul.sqs.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digests SQS returns and the SDKs verify: MD5 of the body, MD5 of the message attributes and
 * of the message system attributes (one encoding for both), and the SHA-256 content-based
 * deduplication id.
 *
 * <p>Attribute encoding, as the AWS SDKs compute it: for each name in sorted order, the name and the
 * full data type, each as a 4-byte big-endian length and UTF-8 bytes; then one transport byte
 * (1 string, 2 binary, 3 string list, 4 binary list) chosen by which value is set; then the
 * value(s), each length-prefixed the same way (binary as raw bytes).
 */
public final class MessageChecksums {

    private static final byte STRING = 1;
    private static final byte BINARY = 2;
    private static final byte STRING_LIST = 3;
    private static final byte BINARY_LIST = 4;

    private MessageChecksums() {
    }

    /** Hex MD5 of the UTF-8 body (MD5OfMessageBody). */
    public static String md5OfBody(String body) {
        return hex(digest("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** MD5OfMessageAttributes, or null when there are none (the field is then omitted). */
    public static String md5OfAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute a = e.getValue();
            lengthPrefixed(out, utf8(e.getKey()));
            lengthPrefixed(out, utf8(a.dataType()));
            if (a.stringValue() != null) {
                out.write(STRING);
                lengthPrefixed(out, utf8(a.stringValue()));
            } else if (a.binaryValue() != null) {
                out.write(BINARY);
                lengthPrefixed(out, a.binaryValue());
            } else if (!a.stringListValues().isEmpty()) {
                out.write(STRING_LIST);
                a.stringListValues().forEach(s -> lengthPrefixed(out, utf8(s)));
            } else if (!a.binaryListValues().isEmpty()) {
                out.write(BINARY_LIST);
                a.binaryListValues().forEach(b -> lengthPrefixed(out, b));
            }
        }
        return hex(digest("MD5").digest(out.toByteArray()));
    }

    /** MD5OfMessageSystemAttributes (same encoding), or null when there are none. */
    public static String md5OfSystemAttributes(Map<String, MessageAttribute> systemAttributes) {
        return md5OfAttributes(systemAttributes);
    }

    /** The deduplication id of a content-based-deduplication FIFO queue: hex SHA-256 of the UTF-8 body. */
    public static String contentDeduplicationId(String body) {
        return hex(digest("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(bytes, 0, n);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JRE", e);
        }
    }
}
