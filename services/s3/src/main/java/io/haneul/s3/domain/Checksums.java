package io.haneul.s3.domain;

import io.haneul.core.auth.ChecksumAlgorithm;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The flexible checksums S3 stores with objects and parts (CRC32, CRC32C, CRC64NVME, SHA1, SHA256):
 * running computations over streamed bytes, and the composite checksum of a multipart upload
 * (the checksum of the parts' binary checksums, then {@code -N}).
 */
public final class Checksums {

    /** Whole-object checksum types S3 reports in {@code x-amz-checksum-type}. */
    public static final String FULL_OBJECT = "FULL_OBJECT";
    public static final String COMPOSITE = "COMPOSITE";

    private Checksums() {
    }

    /** A running checksum. */
    public interface Digest {
        void update(byte[] b, int off, int len);

        /** The big-endian checksum bytes; call once. */
        byte[] finish();
    }

    public static Digest newDigest(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> crc(new CRC32(), 4);
            case CRC32C -> crc(new CRC32C(), 4);
            case CRC64NVME -> crc(new Crc64(), 8);
            case SHA1 -> md("SHA-1");
            case SHA256 -> md("SHA-256");
        };
    }

    /** The checksum of {@code data}, base64. */
    public static String of(ChecksumAlgorithm algorithm, byte[] data) {
        Digest d = newDigest(algorithm);
        d.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(d.finish());
    }

    /** The algorithm S3 names so ({@code CRC32}, {@code crc32c}, ...), or null when unknown or null. */
    public static ChecksumAlgorithm algorithm(String name) {
        if (name == null) {
            return null;
        }
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (a.displayName().equalsIgnoreCase(name.strip())) {
                return a;
            }
        }
        return null;
    }

    /** {@code base64(checksum(concat(decoded parts)))-N}: a multipart upload's composite checksum. */
    public static String composite(ChecksumAlgorithm algorithm, List<String> partChecksums) {
        Digest d = newDigest(algorithm);
        for (String p : partChecksums) {
            byte[] raw = Base64.getDecoder().decode(p);
            d.update(raw, 0, raw.length);
        }
        return Base64.getEncoder().encodeToString(d.finish()) + "-" + partChecksums.size();
    }

    private static Digest crc(Checksum crc, int bytes) {
        return new Digest() {
            @Override
            public void update(byte[] b, int off, int len) {
                crc.update(b, off, len);
            }

            @Override
            public byte[] finish() {
                byte[] all = ByteBuffer.allocate(8).putLong(crc.getValue()).array();
                byte[] out = new byte[bytes];
                System.arraycopy(all, 8 - bytes, out, 0, bytes);
                return out;
            }
        };
    }

    private static Digest md(String name) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Digest() {
            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public byte[] finish() {
                return md.digest();
            }
        };
    }

    /** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, init and xor-out all ones. */
    static final class Crc64 implements Checksum {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
                }
                TABLE[i] = c;
            }
        }

        private long crc = -1L;

        @Override
        public void update(int b) {
            crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
        }

        @Override
        public void update(byte[] b, int off, int len) {
            long c = crc;
            for (int i = off; i < off + len; i++) {
                c = TABLE[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
            }
            crc = c;
        }

        @Override
        public long getValue() {
            return ~crc;
        }

        @Override
        public void reset() {
            crc = -1L;
        }
    }
}
