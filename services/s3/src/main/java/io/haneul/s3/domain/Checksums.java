package io.haneul.s3.domain;

import io.haneul.core.auth.ChecksumAlgorithm;

import java.util.Base64;
import java.util.List;

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

    /** A running checksum (the same computation that verifies aws-chunked trailers). */
    public static ChecksumAlgorithm.Digest newDigest(ChecksumAlgorithm algorithm) {
        return algorithm.newDigest();
    }

    /** The checksum of {@code data}, base64. */
    public static String of(ChecksumAlgorithm algorithm, byte[] data) {
        ChecksumAlgorithm.Digest d = newDigest(algorithm);
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
        ChecksumAlgorithm.Digest d = newDigest(algorithm);
        for (String p : partChecksums) {
            byte[] raw = Base64.getDecoder().decode(p);
            d.update(raw, 0, raw.length);
        }
        return Base64.getEncoder().encodeToString(d.finish()) + "-" + partChecksums.size();
    }
}
