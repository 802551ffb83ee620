package io.haneul.s3.store;

import io.haneul.core.auth.ChecksumAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where object bytes live: immutable blobs named by generated ids, never by object keys. A blob is
 * durable before {@link #write} returns, so the caller commits the row that names it only after; a
 * crash in between leaves an orphan blob, never a row without bytes. Two kinds: files under one
 * directory ({@link FileBlobStore}, shared by every node in PostgreSQL mode) and objects in an
 * external S3-compatible store ({@link RemoteBlobStore}).
 */
public interface BlobStore {

    /**
     * A blob written.
     *
     * @param md5       MD5 of the bytes
     * @param checksums the checksums asked for, raw bytes
     */
    record Stored(String blob, long size, byte[] md5, Map<ChecksumAlgorithm, byte[]> checksums) {
    }

    /** Thrown when a write goes past its size limit; nothing is kept. */
    final class TooLarge extends IOException {
        public TooLarge() {
            super("blob over its size limit", null);
        }
    }

    /**
     * Writes the stream to a new durable blob, computing its MD5 and the given checksums on the way.
     * On any failure (including the stream's own verification failing at its end) nothing is kept.
     *
     * @param maxSize the most bytes accepted ({@link TooLarge} beyond)
     */
    Stored write(InputStream in, Collection<ChecksumAlgorithm> algorithms, long maxSize) throws IOException;

    /** A new blob with the same bytes, so that each row owns the blobs it names. */
    String duplicate(String blob) throws IOException;

    /** The bytes {@code [offset, offset + length)} of the concatenated segments. */
    InputStream open(List<Segment> segments, long offset, long length) throws IOException;

    /** Deletes blobs no row names any more; failures are logged (the blob is then an orphan, not a loss). */
    void delete(Collection<String> ids);

    /** A fresh blob id: 32 lower-case hex digits. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
