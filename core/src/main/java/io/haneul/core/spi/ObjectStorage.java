package io.haneul.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What S3 offers other services (SES receipt rules write mail into a bucket; Elastic Transcoder,
 * SageMaker and Rekognition read inputs and write outputs): objects read and written as the named
 * account, with the same durability, listing, MD5 ETag and event notifications as the S3 API itself.
 * Bytes stream both ways, so objects of any size never sit in memory. Implemented by the S3 module
 * (exported like SQS's {@link QueueDelivery}); callers look it up lazily with
 * {@link ServiceEnvironment#find} when they need it.
 */
public interface ObjectStorage {

    /** What a listing or a head tells about one object (its current version). */
    record ObjectInfo(String key, long size, String etag, Instant lastModified, String contentType, Map<String, String> metadata) {
    }

    /** An object's description and its bytes; close it when done reading. */
    record StoredObject(ObjectInfo info, InputStream content) implements AutoCloseable {
        @Override
        public void close() {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes (or replaces) an object from a stream of any length, read to its end.
     *
     * @param account     the account writing; it must own the bucket
     * @param region      the caller's region
     * @param contentType the object's Content-Type, or null for S3's default
     * @param metadata    user metadata (x-amz-meta-* names without the prefix), possibly empty
     * @return the object's ETag (quoted, as S3 answers it)
     * @throws ObjectStorageException when the bucket does not exist ({@code NoSuchBucket}), belongs to
     *                                another account ({@code AccessDenied}) or S3 rejects the object
     */
    String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                     Map<String, String> metadata);

    /** {@link #putObject(String, String, String, String, InputStream, String, Map)} of bytes in memory. */
    default void putObject(String account, String region, String bucket, String key, byte[] content, String contentType) {
        putObject(account, region, bucket, key, new java.io.ByteArrayInputStream(content), contentType, Map.of());
    }

    /**
     * The key's current object, or empty when there is none (or only a delete marker).
     *
     * @throws ObjectStorageException {@code NoSuchBucket} or {@code AccessDenied}
     */
    Optional<ObjectInfo> headObject(String account, String bucket, String key);

    /**
     * Opens the key's current object.
     *
     * @throws ObjectStorageException {@code NoSuchKey}, {@code NoSuchBucket} or {@code AccessDenied}
     */
    StoredObject getObject(String account, String bucket, String key);

    /**
     * Opens one version of a key ({@code versionId} null: the current one).
     *
     * @throws ObjectStorageException {@code NoSuchKey}, {@code NoSuchVersion}, {@code NoSuchBucket} or {@code AccessDenied}
     */
    default StoredObject getObject(String account, String bucket, String key, String versionId) {
        if (versionId == null) {
            return getObject(account, bucket, key);
        }
        throw new ObjectStorageException("NotImplemented", "Reading a version is not supported by this storage");
    }

    /**
     * Current objects under a prefix in S3's key order (UTF-8 bytes), after {@code startAfter}.
     *
     * @param startAfter a key to resume after (the last of the previous page), or null from the start
     * @param max        the most objects returned (1 to 1,000)
     */
    List<ObjectInfo> listObjects(String account, String bucket, String prefix, String startAfter, int max);

    /** A call that failed, with S3's error code. */
    final class ObjectStorageException extends ServiceCallException {
        public ObjectStorageException(String code, String message) {
            super(code, message);
        }
    }
}
