package io.haneul.s3.domain;

import java.time.Instant;

/**
 * S3's conditional request rules (RFC 7232 as S3 applies them) against an object's ETag and
 * Last-Modified time, compared at whole seconds as HTTP dates carry them.
 *
 * <p>Reads (GetObject, HeadObject): a failing {@code If-Match}, or when absent a failing
 * {@code If-Unmodified-Since}, is 412; then a matching {@code If-None-Match}, or when absent a
 * failing {@code If-Modified-Since}, is 304. Copies ({@code x-amz-copy-source-if-*}) answer 412 for
 * every failing condition.
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * @throws S3Exception PreconditionFailed (412) or NotModified (304)
     */
    public static void checkRead(String etag, Instant lastModified, String ifMatch, String ifNoneMatch,
                                 Instant ifModifiedSince, Instant ifUnmodifiedSince) {
        if (ifMatch != null) {
            if (!ETags.matchesAny(ifMatch, etag)) {
                throw S3Exception.preconditionFailed("If-Match");
            }
        } else if (ifUnmodifiedSince != null && seconds(lastModified) > seconds(ifUnmodifiedSince)) {
            throw S3Exception.preconditionFailed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (ETags.matchesAny(ifNoneMatch, etag)) {
                throw new S3Exception(S3Error.NotModified);
            }
        } else if (ifModifiedSince != null && seconds(lastModified) <= seconds(ifModifiedSince)) {
            throw new S3Exception(S3Error.NotModified);
        }
    }

    /** The copy source conditions; every failure is 412. */
    public static void checkCopySource(String etag, Instant lastModified, String ifMatch, String ifNoneMatch,
                                       Instant ifModifiedSince, Instant ifUnmodifiedSince) {
        if (ifMatch != null) {
            if (!ETags.matchesAny(ifMatch, etag)) {
                throw S3Exception.preconditionFailed("x-amz-copy-source-If-Match");
            }
        } else if (ifUnmodifiedSince != null && seconds(lastModified) > seconds(ifUnmodifiedSince)) {
            throw S3Exception.preconditionFailed("x-amz-copy-source-If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (ETags.matchesAny(ifNoneMatch, etag)) {
                throw S3Exception.preconditionFailed("x-amz-copy-source-If-None-Match");
            }
        } else if (ifModifiedSince != null && seconds(lastModified) <= seconds(ifModifiedSince)) {
            throw S3Exception.preconditionFailed("x-amz-copy-source-If-Modified-Since");
        }
    }

    /**
     * Conditional writes (PutObject, CompleteMultipartUpload): {@code If-None-Match: *} fails when the
     * key exists, {@code If-Match} when it does not match the current object (404 when there is none).
     *
     * @param currentEtag the current object's ETag, or null when the key has no current object
     */
    public static void checkWrite(String key, String currentEtag, String ifMatch, String ifNoneMatch) {
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.strip().equals("*")) {
                throw new S3Exception(S3Error.NotImplemented, "A header you provided implies functionality that is not implemented",
                        java.util.Map.of("Header", "If-None-Match"));
            }
            if (currentEtag != null) {
                throw S3Exception.preconditionFailed("If-None-Match");
            }
        }
        if (ifMatch != null) {
            if (currentEtag == null) {
                throw S3Exception.noSuchKey(key);
            }
            if (!ETags.matchesAny(ifMatch, currentEtag)) {
                throw S3Exception.preconditionFailed("If-Match");
            }
        }
    }

    private static long seconds(Instant t) {
        return t.getEpochSecond();
    }
}
