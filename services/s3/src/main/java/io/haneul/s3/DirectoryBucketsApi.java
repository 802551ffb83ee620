package io.haneul.s3;

import io.haneul.core.auth.TemporaryCredentials;
import io.haneul.core.engine.RequestContext;
import io.haneul.s3.domain.DirectoryBuckets;
import io.haneul.s3.domain.Listing;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.domain.Tokens;
import io.haneul.s3.store.BucketRecord;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CreateSessionRequest;
import software.amazon.awssdk.services.s3.model.CreateSessionResponse;
import software.amazon.awssdk.services.s3.model.ListDirectoryBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListDirectoryBucketsResponse;
import software.amazon.awssdk.services.s3.model.SessionCredentials;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of directory buckets (S3 Express One Zone) of their own: ListDirectoryBuckets (the
 * account's directory buckets, which ListBuckets leaves out) and CreateSession (temporary credentials
 * for one directory bucket, {@link ExpressSessions}). Directory buckets are created by CreateBucket and
 * hold objects as general purpose buckets do.
 */
public final class DirectoryBucketsApi {

    private static final int MAX_BUCKETS = 1000;

    private final BucketService buckets;
    private final ExpressSessions sessions;

    DirectoryBucketsApi(BucketService buckets, ExpressSessions sessions) {
        this.buckets = buckets;
        this.sessions = sessions;
    }

    public ListDirectoryBucketsResponse listDirectoryBuckets(RequestContext ctx, ListDirectoryBucketsRequest r) {
        int max = r.maxDirectoryBuckets() == null ? MAX_BUCKETS : r.maxDirectoryBuckets();
        if (max < 0 || max > MAX_BUCKETS) {
            throw S3Exception.invalidArgument("Argument max-directory-buckets must be an integer between 0 and 1000",
                    "max-directory-buckets", String.valueOf(max));
        }
        String after = r.continuationToken() == null || r.continuationToken().isEmpty() ? null
                : Tokens.decode(r.continuationToken()).key();
        List<Bucket> out = new ArrayList<>();
        String next = null;
        for (BucketRecord b : buckets.list(ctx)) {
            if (!DirectoryBuckets.isDirectory(b.name()) || (after != null && b.name().compareTo(after) <= 0)) {
                continue;
            }
            if (out.size() == max) {
                String last = out.isEmpty() ? (after == null ? "" : after) : out.getLast().name();
                next = Tokens.encode(Listing.Cursor.after(last));
                break;
            }
            out.add(Bucket.builder().name(b.name()).creationDate(Instant.ofEpochMilli(b.createdAt())).bucketRegion(b.region())
                    .bucketArn(DirectoryBuckets.arn(b.region(), b.account(), b.name())).build());
        }
        return ListDirectoryBucketsResponse.builder().buckets(out).continuationToken(next).build();
    }

    /**
     * Opens a session on a directory bucket the caller owns ({@code ReadWrite} unless
     * {@code x-amz-create-session-mode} asks {@code ReadOnly}); a general purpose bucket is not known to
     * the zonal endpoint: NoSuchBucket, nor is a bucket of a zone outside the region the request was
     * signed for (a zonal endpoint serves its own region's zones). Objects in directory buckets are
     * encrypted with SSE-S3 unless the session asks SSE-KMS, which the answer states.
     */
    public CreateSessionResponse createSession(RequestContext ctx, CreateSessionRequest r) {
        if (!DirectoryBuckets.isDirectory(r.bucket())
                || ctx.accessKeyId() != null && !DirectoryBuckets.inRegion(DirectoryBuckets.zoneId(r.bucket()), ctx.region())) {
            throw S3Exception.noSuchBucket(r.bucket());
        }
        BucketRecord b = buckets.require(ctx, r.bucket());
        String mode = r.sessionModeAsString() == null ? "ReadWrite" : r.sessionModeAsString();
        if (!mode.equals("ReadWrite") && !mode.equals("ReadOnly")) {
            throw S3Exception.invalidArgument("Invalid session mode", "x-amz-create-session-mode", mode);
        }
        TemporaryCredentials.Issued issued = sessions.open(b.account(), b.name(), mode.equals("ReadOnly"));
        String sse = r.serverSideEncryptionAsString() == null ? "AES256" : r.serverSideEncryptionAsString();
        return CreateSessionResponse.builder().serverSideEncryption(sse)
                .ssekmsKeyId("aws:kms".equals(sse) ? r.ssekmsKeyId() : null)
                .ssekmsEncryptionContext("aws:kms".equals(sse) ? r.ssekmsEncryptionContext() : null)
                .bucketKeyEnabled("aws:kms".equals(sse) ? r.bucketKeyEnabled() : null)
                .credentials(SessionCredentials.builder().accessKeyId(issued.accessKeyId()).secretAccessKey(issued.secretAccessKey())
                        .sessionToken(issued.sessionToken()).expiration(issued.expiration()).build()).build();
    }
}
