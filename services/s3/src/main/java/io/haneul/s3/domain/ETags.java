package io.haneul.s3.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * S3 entity tags: the quoted hex MD5 of the content for a single upload, and for a multipart upload
 * the MD5 of the parts' binary MD5s followed by {@code -N} (the number of parts).
 */
public final class ETags {

    private static final HexFormat HEX = HexFormat.of();

    private ETags() {
    }

    /** {@code "hex"} with the quotes S3 sends. */
    public static String of(byte[] md5) {
        return "\"" + HEX.formatHex(md5) + "\"";
    }

    /** The multipart ETag from the parts' ETags (quoted or not), in part order. */
    public static String multipart(List<String> partEtags) {
        MessageDigest md5 = md5();
        for (String e : partEtags) {
            md5.update(HEX.parseHex(unquote(e)));
        }
        return "\"" + HEX.formatHex(md5.digest()) + "-" + partEtags.size() + "\"";
    }

    public static String unquote(String etag) {
        String s = etag.strip();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** True when a comma-separated If-Match/If-None-Match list holds {@code *} or the ETag. */
    public static boolean matchesAny(String list, String etag) {
        String target = unquote(etag);
        for (String candidate : list.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || unquote(c).equals(target)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code s} is a valid hex part ETag (quoted or not). */
    public static boolean isMd5Hex(String s) {
        String u = unquote(s);
        return u.length() == 32 && u.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * Checks a Content-MD5 header (base64 of 16 bytes) against the MD5 of what was received.
     *
     * @throws S3Exception InvalidDigest when the header is not a base64 MD5, BadDigest when it differs
     */
    public static void checkContentMd5(String contentMd5, byte[] computed) {
        if (contentMd5 == null) {
            return;
        }
        byte[] declared;
        try {
            declared = Base64.getDecoder().decode(contentMd5.strip());
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidDigest, null, java.util.Map.of("Content-MD5", contentMd5));
        }
        if (declared.length != 16) {
            throw new S3Exception(S3Error.InvalidDigest, null, java.util.Map.of("Content-MD5", contentMd5));
        }
        if (!MessageDigest.isEqual(declared, computed)) {
            throw new S3Exception(S3Error.BadDigest, null, S3Exception.ordered("ExpectedDigest", contentMd5,
                    "CalculatedDigest", Base64.getEncoder().encodeToString(computed)));
        }
    }

    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
