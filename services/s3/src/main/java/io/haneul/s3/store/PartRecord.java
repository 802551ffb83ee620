package io.haneul.s3.store;

/** One uploaded part: its blob, size, ETag and (when the client sent one) checksum. */
public record PartRecord(String uploadId, int partNumber, long size, String etag, String blob, String checksum,
                         long lastModified) {
}
