package io.haneul.transcoder.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.elastictranscoder.model.Encryption;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aes-* modes are the standard ciphers (checked against the JDK's Cipher set up by hand, as a client
 * would encrypt), their streams round-trip (GCM's own streaming decryption over several chunks, an empty
 * file, a truncated one), GCM refuses a tampered file, a wrong CBC key fails, and a generated key is
 * reported with its MD5 and initialization vector.
 */
class AesKeyTest {

    private static final byte[] KEY = "keykeykeykeykeyk".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IV = "1234567890123456".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "media bytes that are not a multiple of sixteen long".repeat(100)
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @ValueSource(strings = {"aes-cbc-pkcs7", "aes-ctr", "aes-gcm"})
    void encryptsAsTheNamedCipherAndDecryptsBack(String mode) throws Exception {
        AesKey key = new AesKey(mode, KEY, IV);
        byte[] encrypted = key.encrypting(new ByteArrayInputStream(DATA)).readAllBytes();
        assertArrayEquals(reference(mode, Cipher.ENCRYPT_MODE).doFinal(DATA), encrypted);
        assertArrayEquals(DATA, key.decrypting(new ByteArrayInputStream(encrypted)).readAllBytes());
    }

    @Test
    void gcmDecryptsAStreamLongerThanItsChunksWithoutHoldingIt() throws Exception {
        byte[] big = new byte[3 * 64 * 1024 + 7];
        new SecureRandom().nextBytes(big);
        AesKey key = new AesKey("aes-gcm", KEY, IV);
        byte[] sealed = reference("aes-gcm", Cipher.ENCRYPT_MODE).doFinal(big);
        InputStream plain = key.decrypting(new ByteArrayInputStream(sealed));
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1000];
        for (int n; (n = plain.read(buffer)) > 0; ) {
            read.write(buffer, 0, n);
        }
        assertArrayEquals(big, read.toByteArray());
        assertArrayEquals(new byte[0], key.decrypting(new ByteArrayInputStream(reference("aes-gcm", Cipher.ENCRYPT_MODE)
                .doFinal(new byte[0]))).readAllBytes());
        assertThrows(IOException.class, () -> drain(key.decrypting(new ByteArrayInputStream(Arrays.copyOf(sealed, 10)))));
    }

    @Test
    void cbcPadsToWholeBlocksAndCtrKeepsTheLength() throws Exception {
        assertEquals((DATA.length / 16 + 1) * 16, new AesKey("aes-cbc-pkcs7", KEY, IV).encrypting(new ByteArrayInputStream(DATA))
                .readAllBytes().length);
        assertEquals(DATA.length, new AesKey("aes-ctr", KEY, IV).encrypting(new ByteArrayInputStream(DATA)).readAllBytes().length);
        assertEquals(DATA.length + 16, new AesKey("aes-gcm", KEY, IV).encrypting(new ByteArrayInputStream(DATA)).readAllBytes().length);
    }

    @Test
    void gcmRefusesATamperedFileAndCbcAWrongKey() throws Exception {
        AesKey gcm = new AesKey("aes-gcm", KEY, IV);
        byte[] sealed = gcm.encrypting(new ByteArrayInputStream(DATA)).readAllBytes();
        sealed[10] ^= 1;
        assertThrows(IOException.class, () -> drain(gcm.decrypting(new ByteArrayInputStream(sealed))));
        byte[] cbc = new AesKey("aes-cbc-pkcs7", KEY, IV).encrypting(new ByteArrayInputStream(DATA)).readAllBytes();
        byte[] other = Arrays.copyOf(KEY, 16);
        other[0] ^= 1;
        assertThrows(IOException.class, () -> drain(new AesKey("aes-cbc-pkcs7", other, IV).decrypting(new ByteArrayInputStream(cbc))));
    }

    @Test
    void aGeneratedKeyIsReportedWithItsDigestAndVector() {
        Encryption blank = Encryption.builder().mode("aes-ctr").build();
        assertTrue(AesKey.toGenerate(blank));
        Encryption e = AesKey.generate("aes-ctr", new SecureRandom()).toEncryption();
        assertFalse(AesKey.toGenerate(e));
        byte[] key = Base64.getDecoder().decode(e.key());
        assertEquals(16, key.length);
        assertEquals(16, Base64.getDecoder().decode(e.initializationVector()).length);
        assertEquals(Base64.getEncoder().encodeToString(AesKey.md5(key)), e.keyMd5());
        assertEquals("aes-ctr", AesKey.of(e).mode());
        assertFalse(AesKey.isAes(Encryption.builder().mode("s3").build()));
    }

    private static Cipher reference(String mode, int opmode) throws Exception {
        SecretKeySpec key = new SecretKeySpec(KEY, "AES");
        Cipher c = switch (mode) {
            case "aes-cbc-pkcs7" -> Cipher.getInstance("AES/CBC/PKCS5Padding");
            case "aes-ctr" -> Cipher.getInstance("AES/CTR/NoPadding");
            default -> Cipher.getInstance("AES/GCM/NoPadding");
        };
        c.init(opmode, key, mode.equals("aes-gcm") ? new GCMParameterSpec(128, IV) : new IvParameterSpec(IV));
        return c;
    }

    private static void drain(InputStream in) throws IOException {
        in.readAllBytes();
    }
}
