package io.haneul.s3.store;

import io.haneul.core.auth.ChecksumAlgorithm;
import io.haneul.s3.domain.Checksums;
import io.haneul.s3.domain.ETags;

import java.security.MessageDigest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The MD5 (the ETag) and the asked-for checksums of a blob, computed as its bytes stream past once. */
final class BlobDigests {

    private final MessageDigest md5 = ETags.md5();
    private final Map<ChecksumAlgorithm, io.haneul.core.auth.ChecksumAlgorithm.Digest> digests = new LinkedHashMap<>();

    BlobDigests(Collection<ChecksumAlgorithm> algorithms) {
        for (ChecksumAlgorithm a : algorithms) {
            digests.put(a, Checksums.newDigest(a));
        }
    }

    void update(byte[] bytes, int offset, int length) {
        md5.update(bytes, offset, length);
        for (io.haneul.core.auth.ChecksumAlgorithm.Digest d : digests.values()) {
            d.update(bytes, offset, length);
        }
    }

    /** Finishes every digest; call once, after the last byte. */
    BlobStore.Stored stored(String blob, long size) {
        Map<ChecksumAlgorithm, byte[]> sums = new LinkedHashMap<>();
        digests.forEach((a, d) -> sums.put(a, d.finish()));
        return new BlobStore.Stored(blob, size, md5.digest(), sums);
    }
}
