package io.haneul.sqs.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageChecksumsTest {

    /** Vectors observed from real SQS (body "Test Message", a Number.bigint attribute, an X-Ray trace header). */
    @Test
    void matchesVectorsObservedFromAws() {
        assertEquals("d1d4180b7e411c4be86b00fb2ee103eb", MessageChecksums.md5OfBody("Test Message"));
        assertEquals("797ab158d73dcb5242dedc4412c8e855", MessageChecksums.md5OfAttributes(
                Map.of("UserId", MessageAttribute.ofString("Number.bigint", "1234567890123456789012"))));
        assertEquals("fdce4f2818803f2f73becc09a54792c0", MessageChecksums.md5OfSystemAttributes(
                Map.of("AWSTraceHeader", MessageAttribute.ofString("String", "some-trace-id"))));
    }

    /** Vectors computed with python3 hashlib (sorted names, 4-byte big-endian lengths, transport bytes 1–4). */
    @Test
    void matchesVectorsComputedWithPython() {
        Map<String, MessageAttribute> m = new HashMap<>();
        m.put("zeta", MessageAttribute.ofString("String", "h\u00e9llo \u2713"));
        m.put("alpha", MessageAttribute.ofBinary("Binary.png", new byte[] {0, 1, 2, (byte) 255}));
        m.put("mid", MessageAttribute.ofString("Number", "-12.5e3"));
        assertEquals("8ca1ab08f52064f42a1657edfc8ce8b9", MessageChecksums.md5OfAttributes(m));

        Map<String, MessageAttribute> lists = Map.of(
                "list", new MessageAttribute("StringList", null, null, List.of("a", "bc"), null),
                "blist", new MessageAttribute("BinaryList", null, null, null, List.of(new byte[] {0}, new byte[] {(byte) 0xff, (byte) 0xfe})));
        assertEquals("a9e9e5a723dcfb7fc825a4ecf5ca6268", MessageChecksums.md5OfAttributes(lists));

        assertEquals("537f5718566dd425639556ce037d44ff", MessageChecksums.md5OfBody("h\u00e9llo \u2713 \uD83D\uDE00"));
        assertEquals("9d3bff6ae0c9f7a77ec0b2a7674af222b5817f9131115b31243911e73f8a6f04",
                MessageChecksums.contentDeduplicationId("hello fifo"));
    }

    @Test
    void agreesWithAStraightforwardImplementation() throws Exception {
        Map<String, MessageAttribute> m = new LinkedHashMap<>();
        m.put("b-attr", MessageAttribute.ofString("String.custom", "value"));
        m.put("A.attr", MessageAttribute.ofBinary("Binary", "raw bytes".getBytes(StandardCharsets.UTF_8)));
        m.put("_n", MessageAttribute.ofString("Number", "42"));
        m.put("\u00fcber", MessageAttribute.ofString("String", "\uD83D\uDE00 emoji"));
        assertEquals(reference(m), MessageChecksums.md5OfAttributes(m));
    }

    @Test
    void orderOfInputDoesNotMatter() {
        Map<String, MessageAttribute> a = new LinkedHashMap<>();
        a.put("x", MessageAttribute.ofString("String", "1"));
        a.put("y", MessageAttribute.ofString("String", "2"));
        Map<String, MessageAttribute> b = new LinkedHashMap<>();
        b.put("y", MessageAttribute.ofString("String", "2"));
        b.put("x", MessageAttribute.ofString("String", "1"));
        assertEquals(MessageChecksums.md5OfAttributes(a), MessageChecksums.md5OfAttributes(b));
        assertNotEquals(MessageChecksums.md5OfAttributes(a),
                MessageChecksums.md5OfAttributes(Map.of("x", MessageAttribute.ofString("String", "2"))));
    }

    @Test
    void omittedWhenNoAttributes() {
        assertNull(MessageChecksums.md5OfAttributes(null));
        assertNull(MessageChecksums.md5OfAttributes(Map.of()));
        assertNull(MessageChecksums.md5OfSystemAttributes(Map.of()));
    }

    @Test
    void bodyDigestIsPlainMd5() throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest("abc".getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(d), MessageChecksums.md5OfBody("abc"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", MessageChecksums.md5OfBody("abc"));
    }

    private static String reference(Map<String, MessageAttribute> attrs) throws IOException, java.security.NoSuchAlgorithmException {
        List<String> names = new ArrayList<>(attrs.keySet());
        Collections.sort(names);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String name : names) {
            MessageAttribute a = attrs.get(name);
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            out.writeInt(n.length);
            out.write(n);
            byte[] t = a.dataType().getBytes(StandardCharsets.UTF_8);
            out.writeInt(t.length);
            out.write(t);
            byte[] v;
            if (a.stringValue() != null) {
                out.writeByte(1);
                v = a.stringValue().getBytes(StandardCharsets.UTF_8);
            } else {
                out.writeByte(2);
                v = a.binaryValue();
            }
            out.writeInt(v.length);
            out.write(v);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes.toByteArray()));
    }
}
