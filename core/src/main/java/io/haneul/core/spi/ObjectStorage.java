package io.haneul.core.spi;

/**
 * What S3 offers other services (SES receipt rules' S3 action): store an object in a bucket, as the
 * named account, with the same durability, listing, MD5 ETag and event notifications as PutObject.
 * Implemented by the S3 module (exported like SQS's {@link QueueDelivery}); callers look it up lazily
 * with {@link ServiceEnvironment#find} when they need it.
 */
public interface ObjectStorage {

    /**
     * Writes (or replaces) an object.
     *
     * @param account     the account writing; it must own the bucket
     * @param region      the caller's region
     * @param contentType the object's Content-Type, or null for S3's default
     * @throws ObjectStorageException when the bucket does not exist ({@code NoSuchBucket}), belongs to
     *                                another account ({@code AccessDenied}) or S3 rejects the object
     */
    void putObject(String account, String region, String bucket, String key, byte[] content, String contentType);

    /** A write that failed, with S3's error code. */
    final class ObjectStorageException extends RuntimeException {
        private final String code;

        public ObjectStorageException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
