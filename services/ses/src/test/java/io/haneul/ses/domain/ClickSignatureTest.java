package io.haneul.ses.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClickSignatureTest {

    private static byte[] secret(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private final ClickSignature signature = new ClickSignature(secret(7));

    @Test
    void aLinkSignedByTheServerVerifies() {
        String sig = signature.sign("m1", "https://example.com/a", "campaign:spring");
        assertTrue(signature.verifies("m1", "https://example.com/a", "campaign:spring", sig));
        assertTrue(new ClickSignature(secret(7)).verifies("m1", "https://example.com/a", "campaign:spring", sig),
                "the same secret (another node, a restart) verifies the same link");
    }

    @Test
    void changingTheLinkTheMessageOrTheTagsBreaksTheSignature() {
        String sig = signature.sign("m1", "https://example.com/a", null);
        assertTrue(signature.verifies("m1", "https://example.com/a", null, sig));
        assertTrue(signature.verifies("m1", "https://example.com/a", "", sig), "no tags and empty tags are the same link");
        assertFalse(signature.verifies("m1", "https://evil.example/a", null, sig));
        assertFalse(signature.verifies("m2", "https://example.com/a", null, sig));
        assertFalse(signature.verifies("m1", "https://example.com/a", "campaign:forged", sig));
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertNotEquals(signature.sign("m1", "ab", null), signature.sign("m1a", "b", null));
    }

    @Test
    void missingGarbledOrForeignSignaturesAreRefused() {
        assertFalse(signature.verifies("m1", "https://example.com/a", null, null));
        assertFalse(signature.verifies("m1", "https://example.com/a", null, "not base64 !"));
        assertFalse(signature.verifies("m1", "https://example.com/a", null, ""));
        String foreign = new ClickSignature(secret(8)).sign("m1", "https://example.com/a", null);
        assertFalse(signature.verifies("m1", "https://example.com/a", null, foreign));
        assertEquals(43, foreign.length(), "256 bits, URL-safe base64 without padding");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClickSignature(new byte[16]));
    }
}
