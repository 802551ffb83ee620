package io.haneul.s3;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.s3.domain.S3Exception;

/** {@link ObjectStorage} for other services: PutObject's write path, as the calling account. */
final class S3ObjectStorage implements ObjectStorage {

    private final ObjectService objects;

    S3ObjectStorage(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public void putObject(String account, String region, String bucket, String key, byte[] content, String contentType) {
        try {
            objects.putInternal(account, region, bucket, key, content, contentType);
        } catch (S3Exception e) {
            String message = e.getMessage();
            throw new ObjectStorageException(e.error().name(), message == null ? e.error().name() : message);
        }
    }
}
