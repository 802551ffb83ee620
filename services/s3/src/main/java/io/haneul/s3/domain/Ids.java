package io.haneul.s3.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers S3 hands out: version ids, upload ids, the canonical user id of an account, and the
 * sequencer of event notifications.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._".toCharArray();

    /** The version id of objects written while versioning was never enabled or is suspended. */
    public static final String NULL_VERSION = "null";

    private Ids() {
    }

    public static String newVersionId() {
        return random(32);
    }

    public static String newUploadId() {
        return random(64);
    }

    /** A stable 64-hex-digit canonical user id for an account, as S3 reports owners. */
    public static String canonicalUserId(String account) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("haneul-s3-owner:" + account).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
