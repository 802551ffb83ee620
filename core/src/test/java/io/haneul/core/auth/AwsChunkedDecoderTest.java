package io.haneul.core.auth;

import static io.haneul.core.auth.SdkSigning.SIGNED_AT;
import static io.haneul.core.auth.SdkSigning.http;
import static io.haneul.core.auth.SdkSigning.sign;
import static io.haneul.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

class AwsChunkedDecoderTest {

    private static final byte[] BODY = randomBytes(300_000);

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    /** An S3 PutObject signed by the SDK with chunk encoding on. */
    private static SdkSigning.Signed chunkedPut(byte[] body, boolean signedPayload, ChecksumAlgorithm checksum) {
        return sign(http(SdkHttpMethod.PUT, "bucket.s3.amazonaws.com", "/uploads/big%20file.bin")
                        .putHeader("Content-Length", Integer.toString(body.length)).build(),
                body, "s3", true, r -> {
                    r.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                            .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload);
                    if (checksum != null) {
                        r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, checksum);
                    }
                });
    }

    private static SigV4Identity verify(SdkSigning.Signed signed) {
        return verifierAt(SIGNED_AT.plusSeconds(5)).verify(signed.toSignedRequest(null));
    }

    private static AwsChunkedDecoder decoder(SdkSigning.Signed signed, byte[] encoded) {
        return AwsChunkedDecoder.of(new ByteArrayInputStream(encoded), verify(signed), signed.toSignedRequest(null));
    }

    @Test
    void signedChunksDecodeToTheOriginalBytes() throws IOException {
        var signed = chunkedPut(BODY, true, null);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", signed.header("x-amz-content-sha256"));
        SigV4Identity id = verify(signed);
        assertEquals(PayloadMode.STREAMING_SIGNED, id.payloadMode());
        assertFalse(id.chunkSigning().toString().contains(SdkSigning.SECRET));
        String framing = new String(signed.payload(), StandardCharsets.ISO_8859_1);
        assertTrue(framing.split("chunk-signature=").length > 3, "SDK must produce several chunks");

        try (AwsChunkedDecoder in = decoder(signed, signed.payload())) {
            assertArrayEquals(BODY, in.readAllBytes());
            assertTrue(in.isComplete());
            assertEquals(BODY.length, in.decodedLength());
            assertTrue(in.checksum().isEmpty());
        }
    }

    @Test
    void decodingByteByByteAndInOddSizes() throws IOException {
        var signed = chunkedPut(BODY, true, DefaultChecksumAlgorithm.SHA256);
        try (AwsChunkedDecoder in = decoder(signed, signed.payload())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                out.write(in.read());
            }
            byte[] buf = new byte[7777];
            for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                out.write(buf, 0, n);
            }
            assertArrayEquals(BODY, out.toByteArray());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void signedChunksWithSignedTrailerExposeTheChecksum() throws IOException {
        var signed = chunkedPut(BODY, true, DefaultChecksumAlgorithm.CRC32C);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", signed.header("x-amz-content-sha256"));
        try (AwsChunkedDecoder in = decoder(signed, signed.payload())) {
            assertArrayEquals(BODY, in.readAllBytes());
            TrailingChecksum c = in.checksum().orElseThrow();
            assertEquals(io.haneul.core.auth.ChecksumAlgorithm.CRC32C, c.algorithm());
            assertEquals(crc32c(BODY), c.base64());
            assertEquals(crc32c(BODY), in.trailers().get("x-amz-checksum-crc32c"));
        }
    }

    @Test
    void unsignedPayloadWithCrc32cTrailer() throws IOException {
        var signed = chunkedPut(BODY, false, DefaultChecksumAlgorithm.CRC32C);
        assertEquals("STREAMING-UNSIGNED-PAYLOAD-TRAILER", signed.header("x-amz-content-sha256"));
        SigV4Identity id = verify(signed);
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, id.payloadMode());
        try (AwsChunkedDecoder in = decoder(signed, signed.payload())) {
            assertArrayEquals(BODY, in.readAllBytes());
            assertEquals(crc32c(BODY), in.checksum().orElseThrow().base64());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "SHA1", "SHA256"}) // the SDK's CRC64NVME needs aws-crt; see crc64 tests
    void everyTrailingChecksumAlgorithmIsVerified(io.haneul.core.auth.ChecksumAlgorithm algorithm) throws IOException {
        ChecksumAlgorithm sdk = switch (algorithm) {
            case CRC32 -> DefaultChecksumAlgorithm.CRC32;
            case CRC32C -> DefaultChecksumAlgorithm.CRC32C;
            case CRC64NVME -> throw new IllegalArgumentException();
            case SHA1 -> DefaultChecksumAlgorithm.SHA1;
            case SHA256 -> DefaultChecksumAlgorithm.SHA256;
        };
        for (boolean signedPayload : List.of(true, false)) {
            var signed = chunkedPut(BODY, signedPayload, sdk);
            try (AwsChunkedDecoder in = decoder(signed, signed.payload())) {
                assertArrayEquals(BODY, in.readAllBytes());
                assertEquals(algorithm, in.checksum().orElseThrow().algorithm());
            }
            // and a corrupted body is caught by the checksum (unsigned) or the chunk signature (signed)
            byte[] corrupted = flipDataByte(signed.payload());
            BodyVerificationException e = assertThrows(BodyVerificationException.class,
                    () -> decoder(signed, corrupted).readAllBytes());
            assertEquals(signedPayload ? "SignatureDoesNotMatch" : "BadDigest", e.error().code());
        }
    }

    @Test
    void tamperedChunkDataFailsWithSignatureDoesNotMatch() {
        var signed = chunkedPut(BODY, true, null);
        BodyVerificationException e = assertThrows(BodyVerificationException.class,
                () -> decoder(signed, flipDataByte(signed.payload())).readAllBytes());
        assertEquals("SignatureDoesNotMatch", e.error().code());
        assertEquals(403, e.error().status());
    }

    @Test
    void tamperedChunkSignatureFails() {
        var signed = chunkedPut("small body".getBytes(StandardCharsets.UTF_8), true, null);
        String framing = new String(signed.payload(), StandardCharsets.ISO_8859_1);
        int at = framing.indexOf("chunk-signature=") + "chunk-signature=".length();
        char c = framing.charAt(at) == 'a' ? 'b' : 'a';
        byte[] tampered = (framing.substring(0, at) + c + framing.substring(at + 1)).getBytes(StandardCharsets.ISO_8859_1);
        AwsChunkedDecoder in = decoder(signed, tampered);
        BodyVerificationException e = assertThrows(BodyVerificationException.class, in::readAllBytes);
        assertEquals("SignatureDoesNotMatch", e.error().code());
        // failure is sticky
        assertThrows(BodyVerificationException.class, in::read);
    }

    @Test
    void tamperedSignedTrailerFails() {
        byte[] body = "trailer body".getBytes(StandardCharsets.UTF_8);
        var signed = chunkedPut(body, true, DefaultChecksumAlgorithm.CRC32);
        String framing = new String(signed.payload(), StandardCharsets.ISO_8859_1);
        String original = "x-amz-checksum-crc32:" + crc32(body);
        assertTrue(framing.contains(original), framing);
        byte[] tampered = framing.replace(original, "x-amz-checksum-crc32:" + crc32("other".getBytes()))
                .getBytes(StandardCharsets.ISO_8859_1);
        BodyVerificationException e = assertThrows(BodyVerificationException.class, () -> decoder(signed, tampered).readAllBytes());
        assertEquals("SignatureDoesNotMatch", e.error().code());
    }

    @Test
    void wrongUnsignedChecksumIsBadDigestAndGarbageIsInvalidRequest() {
        byte[] body = "checksummed".getBytes(StandardCharsets.UTF_8);
        var signed = chunkedPut(body, false, DefaultChecksumAlgorithm.CRC32C);
        String framing = new String(signed.payload(), StandardCharsets.ISO_8859_1);
        byte[] wrong = framing.replace(crc32c(body), crc32c("x".getBytes())).getBytes(StandardCharsets.ISO_8859_1);
        BodyVerificationException e = assertThrows(BodyVerificationException.class, () -> decoder(signed, wrong).readAllBytes());
        assertEquals("BadDigest", e.error().code());
        assertEquals(400, e.error().status());
        assertEquals("The CRC32C you specified did not match the calculated checksum.", e.error().getMessage());

        byte[] garbage = framing.replace(crc32c(body), "!!notbase64").getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(BodyVerificationException.class, () -> decoder(signed, garbage).readAllBytes());
        assertEquals("InvalidRequest", e.error().code());

        byte[] missing = framing.replaceAll("x-amz-checksum-crc32c:[^\r]*\r\n", "").getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(BodyVerificationException.class, () -> decoder(signed, missing).readAllBytes());
        assertEquals("MalformedTrailerError", e.error().code());
    }

    @Test
    void truncatedBodyIsIncomplete() {
        var signed = chunkedPut(BODY, true, null);
        byte[] truncated = java.util.Arrays.copyOf(signed.payload(), signed.payload().length / 2);
        BodyVerificationException e = assertThrows(BodyVerificationException.class,
                () -> decoder(signed, truncated).readAllBytes());
        assertEquals("IncompleteBody", e.error().code());
    }

    @Test
    void decodedLengthMustMatchHeader() {
        var signed = chunkedPut("twelve bytes".getBytes(StandardCharsets.UTF_8), false, DefaultChecksumAlgorithm.CRC32);
        SigV4Identity id = verify(signed);
        var in = new AwsChunkedDecoder(new ByteArrayInputStream(signed.payload()), id, List.of("x-amz-checksum-crc32"), 13);
        BodyVerificationException e = assertThrows(BodyVerificationException.class, in::readAllBytes);
        assertEquals("IncompleteBody", e.error().code());
    }

    @Test
    void crc64NvmeMatchesTheReferenceCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertEquals(0xAE8B14860A799888L, crc.getValue());
    }

    @Test
    void crc64NvmeTrailerIsVerified() throws IOException {
        byte[] body = "123456789".getBytes(StandardCharsets.US_ASCII);
        String value = Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(0xAE8B14860A799888L).array());
        var signed = chunkedPut(body, false, DefaultChecksumAlgorithm.CRC32C);
        String framing = "9\r\n123456789\r\n0\r\nx-amz-checksum-crc64nvme:" + value + "\r\n\r\n";
        SigV4Identity id = verify(signed);
        var in = new AwsChunkedDecoder(new ByteArrayInputStream(framing.getBytes(StandardCharsets.US_ASCII)), id,
                List.of("x-amz-checksum-crc64nvme"), 9);
        assertArrayEquals(body, in.readAllBytes());
        assertEquals(new TrailingChecksum(io.haneul.core.auth.ChecksumAlgorithm.CRC64NVME, value), in.checksum().orElseThrow());

        var bad = new AwsChunkedDecoder(new ByteArrayInputStream(framing.replace("123456789", "123456780")
                .getBytes(StandardCharsets.US_ASCII)), id, List.of("x-amz-checksum-crc64nvme"), 9);
        assertEquals("BadDigest", assertThrows(BodyVerificationException.class, bad::readAllBytes).error().code());
    }

    @Test
    void nonChunkedIdentityIsRejected() {
        var signed = sign(http(SdkHttpMethod.PUT, "bucket.s3.amazonaws.com", "/k").build(), "x".getBytes(), "s3", true);
        SigV4Identity id = verifierAt(SIGNED_AT).verify(signed.toSignedRequest());
        assertThrows(IllegalArgumentException.class,
                () -> new AwsChunkedDecoder(new ByteArrayInputStream(new byte[0]), id, List.of(), -1));
    }

    /** Flips one byte of chunk data (well past the first chunk header). */
    private static byte[] flipDataByte(byte[] encoded) {
        byte[] copy = encoded.clone();
        String framing = new String(copy, StandardCharsets.ISO_8859_1);
        int dataStart = framing.indexOf("\r\n") + 2;
        copy[dataStart + 5] ^= 0x01;
        return copy;
    }

    private static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String crc32(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
