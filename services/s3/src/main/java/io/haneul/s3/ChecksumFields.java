package io.haneul.s3;

import io.haneul.core.auth.ChecksumAlgorithm;

import java.util.function.Consumer;

/**
 * The SDK classes carry one member per checksum algorithm ({@code checksumCRC32}, ...); these helpers
 * pick the member for an algorithm, in both directions, so services deal with (algorithm, value).
 */
final class ChecksumFields {

    private ChecksumFields() {
    }

    /** A checksum as (algorithm, base64 value). */
    record Value(ChecksumAlgorithm algorithm, String base64) {
    }

    /** Sets the member of {@code algorithm} through one of the setters given in algorithm order. */
    static void set(String algorithm, String value, Consumer<String> crc32, Consumer<String> crc32c, Consumer<String> crc64,
                    Consumer<String> sha1, Consumer<String> sha256) {
        if (algorithm == null || value == null) {
            return;
        }
        switch (ChecksumAlgorithm.valueOf(algorithm)) {
            case CRC32 -> crc32.accept(value);
            case CRC32C -> crc32c.accept(value);
            case CRC64NVME -> crc64.accept(value);
            case SHA1 -> sha1.accept(value);
            case SHA256 -> sha256.accept(value);
        }
    }

    /** The first checksum member present, in algorithm order; null when none. */
    static Value first(String crc32, String crc32c, String crc64, String sha1, String sha256) {
        if (crc32 != null) {
            return new Value(ChecksumAlgorithm.CRC32, crc32);
        }
        if (crc32c != null) {
            return new Value(ChecksumAlgorithm.CRC32C, crc32c);
        }
        if (crc64 != null) {
            return new Value(ChecksumAlgorithm.CRC64NVME, crc64);
        }
        if (sha1 != null) {
            return new Value(ChecksumAlgorithm.SHA1, sha1);
        }
        return sha256 == null ? null : new Value(ChecksumAlgorithm.SHA256, sha256);
    }
}
