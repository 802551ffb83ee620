package io.haneul.transcoder.domain;

import software.amazon.awssdk.services.elastictranscoder.model.Encryption;
import software.amazon.awssdk.services.elastictranscoder.model.HlsContentProtection;

import java.security.MessageDigest;
import java.util.Base64;

/**
 * CreateJob's rules for an {@code Encryption} member (Input, Outputs, ThumbnailEncryption, caption
 * formats), as the API reference states them: the AES modes ({@code aes-cbc-pkcs7}, {@code aes-ctr},
 * {@code aes-gcm}) need {@code Key}, {@code KeyMd5} and {@code InitializationVector}, all base64; the key
 * digest and the initialization vector are exactly 16 bytes before encoding, the key 128, 192 or 256 bits.
 * The key must match its digest, else AWS's answer when the decrypted key's MD5 is not KeyMd5. An output's
 * settings may leave all three members blank: Elastic Transcoder then generates them (see {@link AesKey}).
 */
final class EncryptionRules {

    private EncryptionRules() {
    }

    /**
     * @param where     the member's path for the message, e.g. {@code Outputs:Encryption}
     * @param generated whether the three members may all be left out (output settings)
     */
    static void check(String where, Encryption encryption, String subject, boolean generated) {
        if (!AesKey.isAes(encryption) || (generated && AesKey.toGenerate(encryption))) {
            return;
        }
        if (encryption.key() == null || encryption.key().isEmpty()) {
            throw invalid(where + ":Key is required for mode " + encryption.mode() + subject);
        }
        byte[] key = decoded(where + ":Key", encryption.key(), -1, subject);
        if (encryption.keyMd5() == null || encryption.keyMd5().isEmpty()) {
            throw invalid(where + ":KeyMd5 is required for mode " + encryption.mode() + subject);
        }
        byte[] md5 = decoded(where + ":KeyMd5", encryption.keyMd5(), 16, subject);
        if (encryption.initializationVector() == null || encryption.initializationVector().isEmpty()) {
            throw invalid(where + ":InitializationVector is required for mode " + encryption.mode() + subject);
        }
        decoded(where + ":InitializationVector", encryption.initializationVector(), 16, subject);
        if (!MessageDigest.isEqual(AesKey.md5(key), md5)) {
            throw undecryptable(encryption.keyMd5());
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw invalid(where + ":Key must be 128, 192, or 256 bits long before being base64-encoded" + subject);
        }
    }

    /**
     * An HLS content protection key given with its KeyMd5 must match it as an Encryption key does (AWS answers
     * the same when it cannot decrypt it); its length and form are the runner's 4020.
     */
    static void checkHlsKey(HlsContentProtection protection) {
        if (protection == null || protection.key() == null || protection.key().isBlank() || protection.keyMd5() == null
                || protection.keyMd5().isBlank()) {
            return;
        }
        try {
            byte[] key = Base64.getDecoder().decode(protection.key().trim());
            if (!MessageDigest.isEqual(AesKey.md5(key), Base64.getDecoder().decode(protection.keyMd5().trim()))) {
                throw undecryptable(protection.keyMd5());
            }
        } catch (IllegalArgumentException e) {
            throw invalid("Playlists:HlsContentProtection:Key and KeyMd5 must be base64-encoded.");
        }
    }

    private static TranscoderException undecryptable(String keyMd5) {
        return invalid("Amazon Elastic Transcoder was unable to decrypt the ciphered key with MD5=" + keyMd5);
    }

    private static byte[] decoded(String name, String base64, int length, String subject) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid(name + " must be base64-encoded" + subject);
        }
        if (length > 0 && bytes.length != length) {
            throw invalid(name + " must be exactly " + length + " bytes long before being base64-encoded" + subject);
        }
        return bytes;
    }

    private static TranscoderException invalid(String message) {
        return TranscoderException.validation(message);
    }
}
