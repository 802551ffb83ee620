package io.haneul.s3;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.ObjectRecord;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ObjectStorage} for other services: the S3 API's own read and write paths, as the calling account. */
final class S3ObjectStorage implements ObjectStorage {

    private final ObjectService objects;

    S3ObjectStorage(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                            Map<String, String> metadata) {
        return translated(() -> objects.putInternal(account, region, bucket, key, content, contentType, metadata).etag());
    }

    @Override
    public Optional<ObjectInfo> headObject(String account, String bucket, String key) {
        return translated(() -> objects.currentInternal(account, bucket, key).map(S3ObjectStorage::info));
    }

    @Override
    public StoredObject getObject(String account, String bucket, String key) {
        return translated(() -> {
            ObjectRecord o = objects.currentInternal(account, bucket, key).orElseThrow(() -> S3Exception.noSuchKey(key));
            return new StoredObject(info(o), objects.open(o));
        });
    }

    @Override
    public StoredObject getObject(String account, String bucket, String key, String versionId) {
        if (versionId == null) {
            return getObject(account, bucket, key);
        }
        return translated(() -> {
            ObjectRecord o = objects.versionInternal(account, bucket, key, versionId);
            return new StoredObject(info(o), objects.open(o));
        });
    }

    @Override
    public List<ObjectInfo> listObjects(String account, String bucket, String prefix, String startAfter, int max) {
        return translated(() -> objects.listInternal(account, bucket, prefix, startAfter, max).stream().map(S3ObjectStorage::info).toList());
    }

    private static ObjectInfo info(ObjectRecord o) {
        return new ObjectInfo(o.key(), o.size(), o.etag(), Instant.ofEpochMilli(o.lastModified()),
                o.headers().getOrDefault("Content-Type", ObjectService.DEFAULT_CONTENT_TYPE), o.metadata() == null ? Map.of() : o.metadata());
    }

    /** S3's own errors as the SPI's, with S3's code. */
    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            String message = e.getMessage();
            throw new ObjectStorageException(e.error().name(), message == null ? e.error().name() : message);
        }
    }
}
