package io.haneul.it.transcoder;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A client's side of Elastic Transcoder's aes-* modes, with the JDK's ciphers: the tests encrypt inputs and
 * decrypt outputs as a user would (AES-CBC with PKCS#7 padding, AES-CTR, AES-GCM with a 128-bit tag).
 */
final class ClientSideAes {

    private ClientSideAes() {
    }

    /** {@code data} through AES in {@code mode} (an Elastic Transcoder Encryption Mode) and direction. */
    static byte[] apply(String mode, int direction, byte[] key, byte[] iv, byte[] data) throws Exception {
        Cipher cipher = switch (mode) {
            case "aes-cbc-pkcs7" -> Cipher.getInstance("AES/CBC/PKCS5Padding");
            case "aes-ctr" -> Cipher.getInstance("AES/CTR/NoPadding");
            case "aes-gcm" -> Cipher.getInstance("AES/GCM/NoPadding");
            default -> throw new IllegalArgumentException(mode);
        };
        cipher.init(direction, new SecretKeySpec(key, "AES"),
                mode.equals("aes-gcm") ? new GCMParameterSpec(128, iv) : new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }

    /** The KeyMd5 of a data key: its MD5, base64. */
    static String md5(byte[] key) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
    }
}
