package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReceiptHandleCodecTest {

    private static final byte[] SECRET = "0123456789abcdef-server-secret".getBytes(StandardCharsets.UTF_8);
    private final ReceiptHandleCodec codec = new ReceiptHandleCodec(SECRET);

    private static String invalid(String h) {
        return "The input receipt handle \"" + h + "\" is not a valid receipt handle.";
    }

    @Test
    void roundTrips() {
        ReceiptHandle h = new ReceiptHandle(7, 12345, "5fea7756-0ea4-451a-a703-a558b933e274", 99);
        String s = codec.encode(h);
        assertTrue(s.matches("[A-Za-z0-9_-]+"), "URL-safe, unpadded: " + s);
        assertEquals(h, codec.decode(s));
        assertEquals(h, codec.decodeFor(s, 7));
        assertEquals(h, new ReceiptHandleCodec(SECRET.clone()).decode(s), "another instance with the same secret");
    }

    @Test
    void everyReceiveGetsANewHandleForTheSameMessage() {
        String first = codec.encode(new ReceiptHandle(1, 2, "m", 1));
        String second = codec.encode(new ReceiptHandle(1, 2, "m", 2));
        assertNotEquals(first, second);
        assertEquals("m", codec.decode(first).messageId());
        assertEquals(codec.decode(first).rowId(), codec.decode(second).rowId());
    }

    @Test
    void malformedHandles() {
        for (String h : new String[] {"garbage!", "abc", "AAAA", "x y", Base64.getUrlEncoder().encodeToString(new byte[60])}) {
            fails(SqsError.ReceiptHandleIsInvalid, invalid(h), () -> codec.decode(h));
        }
    }

    @Test
    void tamperedOrForgedHandles() {
        String s = codec.encode(new ReceiptHandle(1, 2, "msg", 3));
        byte[] raw = Base64.getUrlDecoder().decode(s);
        raw[5] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        fails(SqsError.ReceiptHandleIsInvalid, invalid(tampered), () -> codec.decode(tampered));
        String forged = new ReceiptHandleCodec("another-secret-of-16+".getBytes(StandardCharsets.UTF_8))
                .encode(new ReceiptHandle(1, 2, "msg", 3));
        fails(SqsError.ReceiptHandleIsInvalid, invalid(forged), () -> codec.decode(forged));
        String truncated = s.substring(0, s.length() - 2);
        fails(SqsError.ReceiptHandleIsInvalid, invalid(truncated), () -> codec.decode(truncated));
    }

    @Test
    void handleFromAnotherQueue() {
        String s = codec.encode(new ReceiptHandle(1, 2, "msg", 3));
        fails(SqsError.ReceiptHandleIsInvalid, invalid(s), () -> codec.decodeFor(s, 2));
    }

    @Test
    void missingHandle() {
        fails(SqsError.MissingParameter, "The request must contain the parameter ReceiptHandle.", () -> codec.decode(null));
        fails(SqsError.MissingParameter, "The request must contain the parameter ReceiptHandle.", () -> codec.decode(""));
    }

    @Test
    void secretMustBeLongEnough() {
        assertThrows(IllegalArgumentException.class, () -> new ReceiptHandleCodec(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> new ReceiptHandleCodec(null));
    }
}
