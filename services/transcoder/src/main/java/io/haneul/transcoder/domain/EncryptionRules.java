package io.haneul.transcoder.domain;

import software.amazon.awssdk.services.elastictranscoder.model.Encryption;

import java.util.Base64;

/**
 * CreateJob's rules for an {@code Encryption} member (Input, Outputs, ThumbnailEncryption, caption
 * formats), as the API reference states them: the AES modes ({@code aes-cbc-pkcs7}, {@code aes-ctr},
 * {@code aes-gcm}) need {@code Key}, {@code KeyMd5} and {@code InitializationVector}, all base64; the key
 * digest and the initialization vector are exactly 16 bytes before encoding. The key itself is the data
 * key encrypted with KMS, so its length is only known once decrypted (AWS's 4017 at run time).
 */
final class EncryptionRules {

    private EncryptionRules() {
    }

    /** @param where the member's path for the message, e.g. {@code Outputs:Encryption} */
    static void check(String where, Encryption encryption, String subject) {
        if (!OutputEncryption.needsKms(encryption)) {
            return;
        }
        if (encryption.key() == null || encryption.key().isEmpty()) {
            throw invalid(where + ":Key is required for mode " + encryption.mode() + subject);
        }
        decoded(where + ":Key", encryption.key(), -1, subject);
        if (encryption.keyMd5() == null || encryption.keyMd5().isEmpty()) {
            throw invalid(where + ":KeyMd5 is required for mode " + encryption.mode() + subject);
        }
        decoded(where + ":KeyMd5", encryption.keyMd5(), 16, subject);
        if (encryption.initializationVector() == null || encryption.initializationVector().isEmpty()) {
            throw invalid(where + ":InitializationVector is required for mode " + encryption.mode() + subject);
        }
        decoded(where + ":InitializationVector", encryption.initializationVector(), 16, subject);
    }

    private static void decoded(String name, String base64, int length, String subject) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid(name + " must be base64-encoded" + subject);
        }
        if (length > 0 && bytes.length != length) {
            throw invalid(name + " must be exactly " + length + " bytes long before being base64-encoded" + subject);
        }
    }

    private static TranscoderException invalid(String message) {
        return TranscoderException.validation(message);
    }
}
