package io.haneul.s3;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Type;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ObjectStorage} for other services: the S3 API's own read and write paths, as the calling account. */
final class S3ObjectStorage implements ObjectStorage {

    private final ObjectService objects;
    private final AclService acls;

    S3ObjectStorage(ObjectService objects, AclService acls) {
        this.objects = objects;
        this.acls = acls;
    }

    @Override
    public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                            Map<String, String> metadata) {
        return translated(() -> objects.putInternal(account, region, bucket, key, content, contentType, metadata).etag());
    }

    @Override
    public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                            Map<String, String> metadata, ServerSideEncryption sse) {
        return putObject(account, region, bucket, key, content, contentType, metadata, sse, null);
    }

    @Override
    public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                            Map<String, String> metadata, ServerSideEncryption sse, String storageClass) {
        Encryption.Requested requested = sse == null ? Encryption.Requested.NONE
                : new Encryption.Requested(sse.algorithm(), sse.kmsKeyId(), null, null, null, null);
        return translated(() -> objects.putInternal(account, region, bucket, key, content, contentType, metadata, requested,
                storageClass).etag());
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

    /** PutObjectAcl's path with an AccessControlPolicy of exactly these grants (ownership controls checked as there). */
    @Override
    public void putObjectAcl(String account, String bucket, String key, List<Grant> grants) {
        translated(() -> {
            BucketRecord b = objects.bucketInternal(account, bucket);
            ObjectRecord o = objects.currentInternal(account, bucket, key).orElseThrow(() -> S3Exception.noSuchKey(key));
            AccessControlPolicy policy = AccessControlPolicy.builder().grants(grants.stream().map(g -> software.amazon.awssdk.services.s3
                    .model.Grant.builder().permission(g.permission()).grantee(grantee(g)).build()).toList()).build();
            acls.putObjectAcl(b, o, new AclService.Requested(null, policy, Map.of()));
            return null;
        });
    }

    private static Grantee grantee(Grant g) {
        return switch (g.type()) {
            case CANONICAL_USER -> Grantee.builder().type(Type.CANONICAL_USER).id(g.grantee()).build();
            case EMAIL -> Grantee.builder().type(Type.AMAZON_CUSTOMER_BY_EMAIL).emailAddress(g.grantee()).build();
            case GROUP -> Grantee.builder().type(Type.GROUP).uri(g.grantee()).build();
        };
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
