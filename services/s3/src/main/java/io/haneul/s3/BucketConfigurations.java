package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.S3Store;
import software.amazon.awssdk.core.SdkPojo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bucket's configuration documents that S3 keeps and hands back as sent (lifecycle, encryption,
 * website, logging, acceleration, request payment, ownership controls, public access block,
 * replication, Object Lock): each stored whole as the SDK's own model object, one row per kind, with
 * the checks AWS makes before accepting one. They are stored, not enforced (see docs/s3.md).
 */
final class BucketConfigurations {

    /** The kinds of document, each with the error a read answers when the bucket has none. */
    enum Kind {
        LIFECYCLE(S3Error.NoSuchLifecycleConfiguration),
        /** The lifecycle's {@code x-amz-transition-default-minimum-object-size}, kept beside its rules. */
        LIFECYCLE_MINIMUM_SIZE(null),
        ENCRYPTION(null),
        WEBSITE(S3Error.NoSuchWebsiteConfiguration),
        LOGGING(null),
        ACCELERATE(null),
        REQUEST_PAYMENT(null),
        OWNERSHIP(S3Error.OwnershipControlsNotFoundError),
        PUBLIC_ACCESS_BLOCK(S3Error.NoSuchPublicAccessBlockConfiguration),
        REPLICATION(S3Error.ReplicationConfigurationNotFoundError),
        OBJECT_LOCK(S3Error.ObjectLockConfigurationNotFoundError),
        ACL(null),
        /** Attribute-based access control's status (PutBucketAbac). */
        ABAC(null),
        /** The S3 Metadata configuration (V2: journal and inventory tables). */
        METADATA(S3Error.MetadataConfigurationNotFound),
        /** The S3 Metadata table configuration of the V1 API. */
        METADATA_TABLE(S3Error.MetadataConfigurationNotFound),
        /** The V2 configuration's annotation table, which the SDK's classes lack (kept as JSON). */
        METADATA_ANNOTATION(null),
        /** A directory bucket's Location and Bucket information, as CreateBucket's configuration gave them. */
        DIRECTORY(null);

        private final S3Error missing;

        Kind(S3Error missing) {
            this.missing = missing;
        }
    }

    /** Documents a bucket keeps several of, each under its own id (metrics, inventory, ...). */
    enum Family {
        ANALYTICS, METRICS, INVENTORY, INTELLIGENT_TIERING;

        String kind(String id) {
            return name() + "/" + id;
        }
    }

    /** A page of a family's documents, with the id to continue after (null when this was the last page). */
    record Page<T>(List<T> items, String next) {
    }

    private static final int MAX_PER_FAMILY = 1000;
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final S3Store store;
    private final BucketService buckets;
    private final SdkDocuments documents = new SdkDocuments();

    BucketConfigurations(S3Store store, BucketService buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    /** Documents a new bucket starts with, as {@link S3Store#createBucket(BucketRecord, Map)} takes them. */
    Map<String, String> initial(Map<Kind, SdkPojo> documents) {
        Map<String, String> rows = new LinkedHashMap<>();
        documents.forEach((kind, doc) -> rows.put(kind.name(), this.documents.write(doc)));
        return rows;
    }

    BucketRecord put(RequestContext ctx, String bucket, Kind kind, SdkPojo document) {
        BucketRecord b = buckets.require(ctx, bucket);
        if (document == null) {
            throw S3Exception.malformedXml();
        }
        if (!store.putBucketConfig(bucket, kind.name(), documents.write(document))) {
            throw S3Exception.noSuchBucket(bucket);
        }
        return b;
    }

    /** The stored document, or the kind's "not found" error (kinds without one answer empty). */
    <T extends SdkPojo> Optional<T> get(RequestContext ctx, String bucket, Kind kind, Class<T> type) {
        buckets.require(ctx, bucket);
        Optional<T> found = store.bucketConfig(bucket, kind.name()).map(json -> documents.read(json, type));
        if (found.isEmpty() && kind.missing != null) {
            throw S3Exception.withBucket(kind.missing, bucket);
        }
        return found;
    }

    void delete(RequestContext ctx, String bucket, Kind kind) {
        buckets.require(ctx, bucket);
        store.deleteBucketConfig(bucket, kind.name());
    }

    /** The stored document without an ownership check, for rules that consult another document. */
    <T extends SdkPojo> Optional<T> getStored(String bucket, Kind kind, Class<T> type) {
        return store.bucketConfig(bucket, kind.name()).map(json -> documents.read(json, type));
    }

    /**
     * Stores one document of a family under its id; the id of the request and the document's own must
     * agree, and a bucket holds at most 1,000 of a family.
     */
    void putById(RequestContext ctx, String bucket, Family family, String id, SdkPojo document, String documentId) {
        buckets.require(ctx, bucket);
        if (document == null) {
            throw S3Exception.malformedXml();
        }
        if (id == null || !ID.matcher(id).matches() || !id.equals(documentId)) {
            throw S3Exception.invalidArgument("The configuration id is not valid or does not match the id in the document", "id",
                    id == null ? "" : id);
        }
        Map<String, String> existing = store.bucketConfigs(bucket, family.kind(""));
        if (existing.size() >= MAX_PER_FAMILY && !existing.containsKey(family.kind(id))) {
            throw new S3Exception(S3Error.TooManyConfigurations);
        }
        store.putBucketConfig(bucket, family.kind(id), documents.write(document));
    }

    <T extends SdkPojo> T getById(RequestContext ctx, String bucket, Family family, String id, Class<T> type) {
        buckets.require(ctx, bucket);
        return store.bucketConfig(bucket, family.kind(id == null ? "" : id)).map(json -> documents.read(json, type))
                .orElseThrow(() -> new S3Exception(S3Error.NoSuchConfiguration));
    }

    void deleteById(RequestContext ctx, String bucket, Family family, String id) {
        buckets.require(ctx, bucket);
        String kind = family.kind(id == null ? "" : id);
        if (store.bucketConfig(bucket, kind).isEmpty()) {
            throw new S3Exception(S3Error.NoSuchConfiguration);
        }
        store.deleteBucketConfig(bucket, kind);
    }

    /** The family's documents in id order, 100 a page, after the id a continuation token names. */
    <T extends SdkPojo> Page<T> list(RequestContext ctx, String bucket, Family family, String after, Class<T> type) {
        buckets.require(ctx, bucket);
        List<T> items = new java.util.ArrayList<>();
        String last = null;
        boolean more = false;
        for (Map.Entry<String, String> e : store.bucketConfigs(bucket, family.kind("")).entrySet()) {
            String id = e.getKey().substring(family.kind("").length());
            if (after != null && id.compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == 100) {
                more = true;
                break;
            }
            items.add(documents.read(e.getValue(), type));
            last = id;
        }
        return new Page<>(items, more ? last : null);
    }

    /** The bucket, when the caller owns it. */
    BucketRecord bucket(RequestContext ctx, String bucket) {
        return buckets.require(ctx, bucket);
    }

    /** Stores a document the SDK has no class for (a newer model's member) as JSON text. */
    void putJson(String bucket, Kind kind, String json) {
        store.putBucketConfig(bucket, kind.name(), json);
    }

    Optional<String> json(String bucket, Kind kind) {
        return store.bucketConfig(bucket, kind.name());
    }

    boolean has(String bucket, Kind kind) {
        return store.bucketConfig(bucket, kind.name()).isPresent();
    }
}
