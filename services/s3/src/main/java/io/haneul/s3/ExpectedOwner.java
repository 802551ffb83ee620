package io.haneul.s3;

import io.haneul.core.wire.WireRequest;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;

import java.util.regex.Pattern;

/**
 * {@code x-amz-expected-bucket-owner} (every bucket operation's {@code ExpectedBucketOwner}) and
 * {@code x-amz-source-expected-bucket-owner} (a copy's source), checked before the operation as AWS
 * does: a value that is not a 12-digit account id is 400 {@code InvalidBucketOwnerAWSAccountID}, a
 * bucket owned by another account is 403 {@code AccessDenied}. A missing bucket is left to the
 * operation, which answers {@code NoSuchBucket}.
 */
final class ExpectedOwner {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private final BucketService buckets;

    ExpectedOwner(BucketService buckets) {
        this.buckets = buckets;
    }

    void check(WireRequest request) {
        checkOne(request.header("x-amz-expected-bucket-owner"), CorsSupport.bucketOf(request));
        String source = request.header("x-amz-copy-source");
        if (source != null) {
            checkOne(request.header("x-amz-source-expected-bucket-owner"), sourceBucket(source));
        }
    }

    private void checkOne(String expected, String bucket) {
        if (expected == null) {
            return;
        }
        if (!ACCOUNT.matcher(expected).matches()) {
            throw new S3Exception(S3Error.InvalidBucketOwnerAWSAccountID,
                    "The value of the expected bucket owner parameter must be an AWS Account ID... [" + expected + "]");
        }
        if (bucket != null && buckets.find(bucket).filter(b -> !b.account().equals(expected)).isPresent()) {
            throw new S3Exception(S3Error.AccessDenied);
        }
    }

    /** The bucket of a copy source, {@code [/]bucket/key[?versionId=...]}, percent-encoded. */
    private static String sourceBucket(String source) {
        String s = WireRequest.percentDecode(source.startsWith("/") ? source.substring(1) : source, false);
        int slash = s.indexOf('/');
        return slash <= 0 ? null : s.substring(0, slash);
    }
}
