package io.haneul.core.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The flexible checksums S3 accepts in {@code x-amz-checksum-*} headers and trailers. Values travel as
 * base64 of the big-endian checksum bytes.
 */
public enum ChecksumAlgorithm {
    CRC32("CRC32", 4),
    CRC32C("CRC32C", 4),
    CRC64NVME("CRC64NVME", 8),
    SHA1("SHA1", 20),
    SHA256("SHA256", 32);

    private final String displayName;
    private final int length;

    ChecksumAlgorithm(String displayName, int length) {
        this.displayName = displayName;
        this.length = length;
    }

    /** The name S3 uses in messages and x-amz-checksum-algorithm, e.g. {@code CRC32C}. */
    public String displayName() {
        return displayName;
    }

    /** The header/trailer name, e.g. {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return "x-amz-checksum-" + displayName.toLowerCase(Locale.ROOT);
    }

    /** Length in bytes of the raw checksum. */
    public int length() {
        return length;
    }

    /** The algorithm of an {@code x-amz-checksum-*} header/trailer name (case-insensitive). */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.headerName().equalsIgnoreCase(name.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A fresh running computation. */
    public Digest newDigest() {
        return switch (this) {
            case CRC32 -> new CrcDigest(new CRC32(), 4);
            case CRC32C -> new CrcDigest(new CRC32C(), 4);
            case CRC64NVME -> new CrcDigest(new Crc64Nvme(), 8);
            case SHA1 -> new MdDigest("SHA-1");
            case SHA256 -> new MdDigest("SHA-256");
        };
    }

    /** Running checksum over streamed bytes. */
    public interface Digest {
        void update(byte[] b, int off, int len);

        /** The big-endian checksum bytes; call once. */
        byte[] finish();
    }

    private record CrcDigest(Checksum crc, int bytes) implements Digest {
        @Override
        public void update(byte[] b, int off, int len) {
            crc.update(b, off, len);
        }

        @Override
        public byte[] finish() {
            ByteBuffer buf = ByteBuffer.allocate(8).putLong(crc.getValue());
            byte[] out = new byte[bytes];
            System.arraycopy(buf.array(), 8 - bytes, out, 0, bytes);
            return out;
        }
    }

    private static final class MdDigest implements Digest {
        private final MessageDigest md;

        MdDigest(String name) {
            try {
                md = MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public byte[] finish() {
            return md.digest();
        }
    }
}
