package io.haneul.transcoder.domain;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elastictranscoder.model.Encryption;
import software.amazon.awssdk.services.elastictranscoder.model.HlsContentProtection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * CreateJob's checks of an aes-* Encryption: a KeyMd5 that is not the key's digest is refused with AWS's
 * message, a key must be 128, 192 or 256 bits, the three members are required for an input and may be
 * left out together (not one by one) for an output, whose key Elastic Transcoder then generates; an HLS
 * content protection key given with a KeyMd5 must match it too.
 */
class EncryptionRulesTest {

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final String IV = B64.encodeToString("1234567890123456".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aKeyDigestThatIsNotTheKeysIsRefusedWithAwsMessage() {
        byte[] key = "keykeykeykeykeyk".getBytes(StandardCharsets.US_ASCII);
        String wrongMd5 = B64.encodeToString(AesKey.md5("another key 1234".getBytes(StandardCharsets.US_ASCII)));
        Encryption e = aes(B64.encodeToString(key), wrongMd5);
        TranscoderException x = assertThrows(TranscoderException.class,
                () -> EncryptionRules.check("Input:Encryption", e, ": key=in.mp4.", false));
        assertEquals("Amazon Elastic Transcoder was unable to decrypt the ciphered key with MD5=" + wrongMd5, x.getMessage());
        assertDoesNotThrow(() -> EncryptionRules.check("Input:Encryption", aes(B64.encodeToString(key),
                B64.encodeToString(AesKey.md5(key))), ": key=in.mp4.", false));
    }

    @Test
    void theKeyIs128192Or256Bits() {
        for (int bytes : new int[] {16, 24, 32}) {
            byte[] key = new byte[bytes];
            assertDoesNotThrow(() -> EncryptionRules.check("Outputs:Encryption", aes(B64.encodeToString(key),
                    B64.encodeToString(AesKey.md5(key))), ": key=a.mp4.", true));
        }
        byte[] odd = new byte[20];
        TranscoderException x = assertThrows(TranscoderException.class, () -> EncryptionRules.check("Outputs:Encryption",
                aes(B64.encodeToString(odd), B64.encodeToString(AesKey.md5(odd))), ": key=a.mp4.", true));
        assertEquals("Outputs:Encryption:Key must be 128, 192, or 256 bits long before being base64-encoded: key=a.mp4.",
                x.getMessage());
    }

    @Test
    void anOutputMayLeaveTheKeyToElasticTranscoderButAnInputMayNot() {
        Encryption blank = Encryption.builder().mode("aes-gcm").build();
        assertDoesNotThrow(() -> EncryptionRules.check("Outputs:Encryption", blank, ": key=a.mp4.", true));
        TranscoderException input = assertThrows(TranscoderException.class,
                () -> EncryptionRules.check("Input:Encryption", blank, ": key=in.mp4.", false));
        assertEquals("Input:Encryption:Key is required for mode aes-gcm: key=in.mp4.", input.getMessage());
        Encryption keyOnly = Encryption.builder().mode("aes-gcm").key(B64.encodeToString(new byte[16])).build();
        TranscoderException partial = assertThrows(TranscoderException.class,
                () -> EncryptionRules.check("Outputs:Encryption", keyOnly, ": key=a.mp4.", true));
        assertEquals("Outputs:Encryption:KeyMd5 is required for mode aes-gcm: key=a.mp4.", partial.getMessage());
    }

    @Test
    void anHlsKeyGivenWithItsDigestMustMatchIt() {
        byte[] key = "keykeykeykeykeyk".getBytes(StandardCharsets.US_ASCII);
        String md5 = B64.encodeToString(AesKey.md5(key));
        assertDoesNotThrow(() -> EncryptionRules.checkHlsKey(HlsContentProtection.builder().method("aes-128")
                .key(B64.encodeToString(key)).keyMd5(md5).build()));
        assertDoesNotThrow(() -> EncryptionRules.checkHlsKey(HlsContentProtection.builder().method("aes-128").build()));
        TranscoderException x = assertThrows(TranscoderException.class, () -> EncryptionRules.checkHlsKey(
                HlsContentProtection.builder().method("aes-128").key(B64.encodeToString(new byte[16])).keyMd5(md5).build()));
        assertEquals("Amazon Elastic Transcoder was unable to decrypt the ciphered key with MD5=" + md5, x.getMessage());
    }

    private static Encryption aes(String key, String md5) {
        return Encryption.builder().mode("aes-cbc-pkcs7").key(key).keyMd5(md5).initializationVector(IV).build();
    }
}
