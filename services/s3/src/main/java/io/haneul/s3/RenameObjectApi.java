package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.wire.WireRequest;
import io.haneul.s3.domain.Conditions;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.S3Store;
import software.amazon.awssdk.services.s3.model.RenameObjectRequest;
import software.amazon.awssdk.services.s3.model.RenameObjectResponse;

import java.time.Instant;

/**
 * RenameObject: on AWS an operation of directory buckets (S3 Express One Zone); Haneul offers it on
 * those and on its general purpose buckets that have never had versioning, with the
 * directory-bucket semantics: the object moves to the new key within the bucket in one transaction,
 * whatever its size, keeping its ETag, checksums, dates, storage class, encryption, metadata, tags and
 * annotations; a version at the destination is replaced. The source and destination conditions apply
 * (412 {@code PreconditionFailed}; {@code If-None-Match: *} refuses an existing destination). A bucket
 * with versioning (enabled or suspended) answers 400 {@code InvalidRequest}, as versions cannot be
 * renamed. No event notification is sent (directory buckets have none).
 */
public final class RenameObjectApi {

    private final BucketService buckets;
    private final ObjectService objects;

    RenameObjectApi(BucketService buckets, ObjectService objects) {
        this.buckets = buckets;
        this.objects = objects;
    }

    public RenameObjectResponse renameObject(RequestContext ctx, RenameObjectRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        if (b.versioning() != null) {
            throw S3Exception.invalidRequest("RenameObject is not supported for buckets that have versioning.");
        }
        String from = sourceKey(b.name(), r.renameSource());
        if (from.endsWith("/") || r.key().endsWith("/")) {
            throw S3Exception.invalidRequest("RenameObject does not rename keys that end with the delimiter '/'.");
        }
        S3Store.Written w = objects.store().rename(b.name(), from, r.key(), (source, destination) -> {
            Conditions.checkCopySource(source.etag(), Instant.ofEpochMilli(source.lastModified()), r.sourceIfMatch(), r.sourceIfNoneMatch(),
                    r.sourceIfModifiedSince(), r.sourceIfUnmodifiedSince());
            checkDestination(r, destination);
        }).orElseThrow(() -> S3Exception.noSuchKey(from));
        objects.blobs().delete(w.droppedBlobs());
        return RenameObjectResponse.builder().build();
    }

    /** The key of {@code x-amz-rename-source}: {@code /bucket/key}, {@code bucket/key} or the key, URL-encoded. */
    static String sourceKey(String bucket, String header) {
        if (header == null || header.isBlank()) {
            throw S3Exception.invalidArgument("The rename source must be specified", "x-amz-rename-source", String.valueOf(header));
        }
        String decoded = WireRequest.percentDecode(header.strip(), false);
        String path = decoded.startsWith("/") ? decoded.substring(1) : decoded;
        String key = path.startsWith(bucket + "/") ? path.substring(bucket.length() + 1) : path;
        if (key.isEmpty()) {
            throw S3Exception.invalidArgument("The rename source must name an object", "x-amz-rename-source", header);
        }
        return key;
    }

    private static void checkDestination(RenameObjectRequest r, ObjectRecord destination) {
        Conditions.checkWrite(r.key(), destination == null ? null : destination.etag(), r.destinationIfMatch(), r.destinationIfNoneMatch());
        if (destination == null) {
            return;
        }
        long modified = destination.lastModified() / 1000;
        if (r.destinationIfModifiedSince() != null && modified <= r.destinationIfModifiedSince().getEpochSecond()) {
            throw S3Exception.preconditionFailed("If-Modified-Since");
        }
        if (r.destinationIfUnmodifiedSince() != null && modified > r.destinationIfUnmodifiedSince().getEpochSecond()) {
            throw S3Exception.preconditionFailed("If-Unmodified-Since");
        }
    }
}
