package io.haneul.s3.store;

import java.util.List;
import java.util.Map;

/**
 * One version of an object (or a delete marker) as stored.
 *
 * @param id             row id, increasing with time: orders versions of a key
 * @param versionId      the version id, {@code null} (the string) in buckets without versioning
 * @param latest         whether this is the key's current version
 * @param segments       the blobs holding the bytes, in order (empty for a delete marker)
 * @param headers        content headers as stored (Content-Type, Cache-Control, ...), by header name
 * @param metadata       user metadata (x-amz-meta-*), lower-case names
 * @param checksumType   {@code FULL_OBJECT} or {@code COMPOSITE} when a checksum is stored
 * @param partsCount     number of parts of a multipart object, 0 for a single upload
 * @param objectLock     the version's Object Lock state in {@link io.haneul.s3.domain.ObjectLock}'s stored form, or null
 */
public record ObjectRecord(long id, String bucket, String key, String versionId, boolean latest, boolean deleteMarker,
                           long size, String etag, List<Segment> segments, long lastModified, Map<String, String> headers,
                           Map<String, String> metadata, Map<String, String> tags, String checksumAlgorithm,
                           String checksumValue, String checksumType, int partsCount, String storageClass, String owner,
                           String objectLock) {

    /** A version without Object Lock state. */
    public ObjectRecord(long id, String bucket, String key, String versionId, boolean latest, boolean deleteMarker,
                        long size, String etag, List<Segment> segments, long lastModified, Map<String, String> headers,
                        Map<String, String> metadata, Map<String, String> tags, String checksumAlgorithm,
                        String checksumValue, String checksumType, int partsCount, String storageClass, String owner) {
        this(id, bucket, key, versionId, latest, deleteMarker, size, etag, segments, lastModified, headers, metadata, tags,
                checksumAlgorithm, checksumValue, checksumType, partsCount, storageClass, owner, null);
    }

    public io.haneul.s3.domain.ObjectLock lock() {
        return io.haneul.s3.domain.ObjectLock.parse(objectLock);
    }

    public ObjectRecord withObjectLock(String lock) {
        return new ObjectRecord(id, bucket, key, versionId, latest, deleteMarker, size, etag, segments, lastModified, headers,
                metadata, tags, checksumAlgorithm, checksumValue, checksumType, partsCount, storageClass, owner, lock);
    }

    public ObjectRecord withTags(Map<String, String> newTags) {
        return new ObjectRecord(id, bucket, key, versionId, latest, deleteMarker, size, etag, segments, lastModified, headers,
                metadata, newTags, checksumAlgorithm, checksumValue, checksumType, partsCount, storageClass, owner, objectLock);
    }

    public ObjectRecord withVersion(String newVersionId) {
        return new ObjectRecord(id, bucket, key, newVersionId, latest, deleteMarker, size, etag, segments, lastModified, headers,
                metadata, tags, checksumAlgorithm, checksumValue, checksumType, partsCount, storageClass, owner, objectLock);
    }
}
