package io.haneul.s3.domain;

import io.haneul.core.auth.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ETagsAndChecksumsTest {

    @Test
    void singleAndMultipartEtags() {
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", ETags.of(ETags.md5().digest()));
        // AWS's documented multipart example shape: md5 of the concatenated binary md5s, then -N
        String p1 = ETags.of(ETags.md5().digest("a".getBytes(StandardCharsets.UTF_8)));
        String p2 = ETags.of(ETags.md5().digest("b".getBytes(StandardCharsets.UTF_8)));
        java.security.MessageDigest all = ETags.md5();
        all.update(ETags.md5().digest("a".getBytes(StandardCharsets.UTF_8)));
        all.update(ETags.md5().digest("b".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\"" + java.util.HexFormat.of().formatHex(all.digest()) + "-2\"", ETags.multipart(List.of(p1, p2)));
        assertEquals("abc", ETags.unquote("W/\"abc\""));
    }

    @Test
    void contentMd5() {
        byte[] md5 = ETags.md5().digest("x".getBytes(StandardCharsets.UTF_8));
        ETags.checkContentMd5(Base64.getEncoder().encodeToString(md5), md5);
        assertEquals(S3Error.BadDigest, assertThrows(S3Exception.class,
                () -> ETags.checkContentMd5("1B2M2Y8AsgTpgAmY7PhCfg==", md5)).error());
        assertEquals(S3Error.InvalidDigest, assertThrows(S3Exception.class, () -> ETags.checkContentMd5("short", md5)).error());
    }

    @Test
    void checksumCheckValues() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926L, value(ChecksumAlgorithm.CRC32, check));
        assertEquals(0xE3069283L, value(ChecksumAlgorithm.CRC32C, check));
        assertEquals(0xAE8B14860A799888L, value(ChecksumAlgorithm.CRC64NVME, check));
        assertEquals("qUqP5cyxm6YcTAhz05Hph5gvu9M=", Checksums.of(ChecksumAlgorithm.SHA1, "test".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ChecksumAlgorithm.CRC32C, Checksums.algorithm("crc32c"));
        assertNull(Checksums.algorithm("md5"));
    }

    @Test
    void compositeChecksum() {
        String a = Checksums.of(ChecksumAlgorithm.CRC32, "a".getBytes(StandardCharsets.UTF_8));
        String b = Checksums.of(ChecksumAlgorithm.CRC32, "b".getBytes(StandardCharsets.UTF_8));
        ByteBuffer both = ByteBuffer.allocate(8).put(Base64.getDecoder().decode(a)).put(Base64.getDecoder().decode(b));
        assertEquals(Checksums.of(ChecksumAlgorithm.CRC32, both.array()) + "-2", Checksums.composite(ChecksumAlgorithm.CRC32, List.of(a, b)));
    }

    private static long value(ChecksumAlgorithm a, byte[] data) {
        byte[] raw = Base64.getDecoder().decode(Checksums.of(a, data));
        long v = 0;
        for (byte x : raw) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }
}
