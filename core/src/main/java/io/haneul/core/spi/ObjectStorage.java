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

    /**
     * Server-side encryption a writer asks for, as S3's headers name it.
     *
     * @param algorithm {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS)
     * @param kmsKeyId  the KMS key for {@code aws:kms}, or null for the account's default S3 key
     */
    record ServerSideEncryption(String algorithm, String kmsKeyId) {
    }

    /**
     * {@link #putObject(String, String, String, String, InputStream, String, Map)} with the object encrypted
     * at rest as asked (null: the bucket's default encryption).
     */
    default String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                             Map<String, String> metadata, ServerSideEncryption encryption) {
        if (encryption == null) {
            return putObject(account, region, bucket, key, content, contentType, metadata);
        }
        throw new ObjectStorageException("NotImplemented", "Server-side encryption is not supported by this storage");
    }

    /**
     * {@link #putObject(String, String, String, String, InputStream, String, Map, ServerSideEncryption)} in a
     * storage class, as PutObject's {@code x-amz-storage-class} asks.
     *
     * @param storageClass S3's name ({@code STANDARD}, {@code REDUCED_REDUNDANCY}...), or null for STANDARD
     * @throws ObjectStorageException also {@code InvalidStorageClass} for a class S3 does not write
     */
    default String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                             Map<String, String> metadata, ServerSideEncryption encryption, String storageClass) {
        if (storageClass == null || "STANDARD".equals(storageClass)) {
            return putObject(account, region, bucket, key, content, contentType, metadata, encryption);
        }
        throw new ObjectStorageException("NotImplemented", "Storage classes are not supported by this storage");
    }

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

    /** Who an ACL grant names, in S3's three kinds of grantee. */
    enum GranteeType { CANONICAL_USER, EMAIL, GROUP }

    /**
     * One grant of an object ACL.
     *
     * @param grantee    a canonical user id, an email address, or a group's URI
     *                   ({@code http://acs.amazonaws.com/groups/global/AllUsers}...)
     * @param permission S3's name: {@code READ}, {@code READ_ACP}, {@code WRITE_ACP} or {@code FULL_CONTROL}
     */
    record Grant(GranteeType type, String grantee, String permission) {
    }

    /**
     * Replaces the ACL of the key's current object with exactly these grants, as PutObjectAcl with an
     * AccessControlPolicy does (the writer stays the owner but holds only what the list grants), so that a
     * service writing on someone's behalf can hand out the access its configuration names.
     *
     * @throws ObjectStorageException {@code NoSuchKey}, {@code NoSuchBucket}, {@code AccessDenied}, or
     *                                {@code AccessControlListNotSupported} where the bucket's ownership
     *                                controls disable ACLs
     */
    default void putObjectAcl(String account, String bucket, String key, List<Grant> grants) {
        throw new ObjectStorageException("NotImplemented", "Setting an object ACL is not supported by this storage");
    }

    /** A call that failed, with S3's error code. */
    final class ObjectStorageException extends ServiceCallException {
        public ObjectStorageException(String code, String message) {
            super(code, message);
        }
    }
}
