package io.haneul.transcoder.domain;

import software.amazon.awssdk.services.elastictranscoder.model.Encryption;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key material of an {@code aes-*} Encryption setting (input, output, thumbnails, caption formats) and
 * the cipher it names: {@code aes-cbc-pkcs7} is AES-CBC with PKCS#7 padding, {@code aes-ctr} AES-CTR with
 * the InitializationVector as the first counter block, {@code aes-gcm} AES-GCM with the InitializationVector
 * as its nonce and a 128-bit tag after the ciphertext. Haneul serves no KMS, so {@code Key} is the data key
 * itself, base64 (AWS's is the data key encrypted with KMS); {@code KeyMd5} is the MD5 of the data key.
 *
 * @param mode the Encryption Mode, e.g. {@code aes-ctr}
 * @param key  the data key: 16, 24 or 32 bytes
 * @param iv   the initialization vector: 16 bytes
 */
public record AesKey(String mode, byte[] key, byte[] iv) {

    private static final int GCM_TAG_BITS = 128;

    /** True for {@code aes-cbc-pkcs7}, {@code aes-ctr} and {@code aes-gcm}. */
    public static boolean isAes(Encryption encryption) {
        return encryption != null && encryption.mode() != null && encryption.mode().startsWith("aes-");
    }

    /** True when an aes-* setting leaves Key, KeyMd5 and InitializationVector to Elastic Transcoder (outputs only). */
    public static boolean toGenerate(Encryption encryption) {
        return isAes(encryption) && blank(encryption.key()) && blank(encryption.keyMd5())
                && blank(encryption.initializationVector());
    }

    /** The key of settings CreateJob has checked ({@link EncryptionRules}). */
    public static AesKey of(Encryption encryption) {
        Base64.Decoder b64 = Base64.getDecoder();
        return new AesKey(encryption.mode(), b64.decode(encryption.key()), b64.decode(encryption.initializationVector()));
    }

    /** A fresh 128-bit key and initialization vector, as Elastic Transcoder makes when an output names none. */
    public static AesKey generate(String mode, SecureRandom random) {
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(key);
        random.nextBytes(iv);
        return new AesKey(mode, key, iv);
    }

    /** These settings as the job reports them: Mode, Key, KeyMd5 and InitializationVector, base64. */
    public Encryption toEncryption() {
        Base64.Encoder b64 = Base64.getEncoder();
        return Encryption.builder().mode(mode).key(b64.encodeToString(key)).keyMd5(b64.encodeToString(md5(key)))
                .initializationVector(b64.encodeToString(iv)).build();
    }

    /** {@code in} encrypted as it is read. */
    public InputStream encrypting(InputStream in) {
        return new CipherInputStream(in, cipher(Cipher.ENCRYPT_MODE));
    }

    /**
     * {@code in} decrypted as it is read; a wrong key shows as an {@code IOException} at the end (bad padding,
     * or GCM's tag). GCM streams too ({@link GcmDecryptingStream}), where the JDK's would hold the whole input.
     */
    public InputStream decrypting(InputStream in) {
        if (mode.equals("aes-gcm")) {
            return new GcmDecryptingStream(in, cipher(Cipher.ENCRYPT_MODE), cipher(Cipher.ENCRYPT_MODE));
        }
        return new CipherInputStream(in, cipher(Cipher.DECRYPT_MODE));
    }

    private Cipher cipher(int opmode) {
        try {
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            return switch (mode) {
                case "aes-cbc-pkcs7" -> init(Cipher.getInstance("AES/CBC/PKCS5Padding"), opmode, spec, new IvParameterSpec(iv));
                case "aes-ctr" -> init(Cipher.getInstance("AES/CTR/NoPadding"), opmode, spec, new IvParameterSpec(iv));
                case "aes-gcm" -> init(Cipher.getInstance("AES/GCM/NoPadding"), opmode, spec, new GCMParameterSpec(GCM_TAG_BITS, iv));
                default -> throw new IllegalArgumentException("not an AES mode: " + mode);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available: " + e.getMessage(), e);
        }
    }

    private static Cipher init(Cipher cipher, int opmode, SecretKeySpec key, java.security.spec.AlgorithmParameterSpec params)
            throws GeneralSecurityException {
        cipher.init(opmode, key, params);
        return cipher;
    }

    /** MD5 of the bytes (the KeyMd5 of a data key). */
    public static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
