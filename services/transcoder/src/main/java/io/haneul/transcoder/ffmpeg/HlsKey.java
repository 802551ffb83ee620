package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.TranscodeException;
import software.amazon.awssdk.services.elastictranscoder.model.HlsContentProtection;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A playlist's HLS AES-128 key: the one the request gives (base64, 128 bits) or one generated for the
 * job, with the initialization vector, the URI players fetch it from (LicenseAcquisitionUrl, else the
 * key file stored beside each variant playlist) and whether it is stored at all (KeyStoragePolicy).
 */
record HlsKey(byte[] key, String ivHex, String licenseUrl, boolean store) {

    static HlsKey of(HlsContentProtection protection, SecureRandom random) {
        if (protection.method() != null && !"aes-128".equals(protection.method())) {
            throw new TranscodeException("1000", "Unsupported HlsContentProtection Method " + protection.method());
        }
        byte[] key;
        if (protection.key() != null && !protection.key().isBlank()) {
            try {
                key = Base64.getDecoder().decode(protection.key().trim());
            } catch (IllegalArgumentException e) {
                throw new TranscodeException("4020", "Your key must be 128 bits for AES-128 encryption.");
            }
            if (key.length != 16) {
                throw new TranscodeException("4020", "Your key must be 128 bits for AES-128 encryption. "
                        + (key.length * 8) + " bits.");
            }
        } else {
            key = new byte[16];
            random.nextBytes(key);
        }
        String iv = null;
        if (protection.initializationVector() != null && !protection.initializationVector().isBlank()) {
            iv = HexFormat.of().formatHex(Base64.getDecoder().decode(protection.initializationVector().trim()));
        }
        boolean store = !"NoStore".equals(protection.keyStoragePolicy());
        String url = protection.licenseAcquisitionUrl() == null || protection.licenseAcquisitionUrl().isBlank()
                ? null : protection.licenseAcquisitionUrl();
        return new HlsKey(key, iv, url, store);
    }
}
