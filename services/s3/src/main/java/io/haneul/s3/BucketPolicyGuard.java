package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.core.wire.WireRequest;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;

/**
 * A bucket policy's explicit Deny, applied to every REST request before its operation runs, the
 * bucket's owner included (as on AWS, where a Deny in a bucket policy binds the owning account's
 * callers too, e.g. {@code aws:SecureTransport} false). The owner may always read, replace and delete
 * the policy itself, so that no policy can lock it out. Grants to other accounts are decided where
 * each operation looks its bucket up ({@link BucketService#require(RequestContext, String, String, String)}).
 */
final class BucketPolicyGuard {

    private final BucketService buckets;
    private final BucketPolicies policies;

    BucketPolicyGuard(BucketService buckets, BucketPolicies policies) {
        this.buckets = buckets;
        this.policies = policies;
    }

    /**
     * @param request the request in path style ({@code /bucket/key})
     * @throws S3Exception AccessDenied when the bucket's policy denies the request
     */
    void check(RequestContext ctx, WireRequest request) {
        String path = request.rawPath();
        if (path.length() < 2 || path.charAt(0) != '/') {
            return;
        }
        int slash = path.indexOf('/', 1);
        String bucket = WireRequest.percentDecode(slash < 0 ? path.substring(1) : path.substring(1, slash), false);
        String key = slash < 0 || slash == path.length() - 1 ? null : WireRequest.percentDecode(path.substring(slash + 1), false);
        copySource(ctx, request);
        BucketRecord b = policies.recent(bucket, buckets::find).orElse(null);
        if (b == null || b.policy() == null) {
            return;
        }
        String action = S3Actions.of(request.method(), key != null, request.queryParameters().keySet());
        if (b.account().equals(ctx.accountId()) && S3Actions.OWNER_ALWAYS.contains(action)) {
            return;
        }
        deny(ctx, b, action, key);
    }

    /**
     * A copy reads its source: the source bucket's Deny of {@code s3:GetObject} applies to it as to a
     * GET (a copy over plain HTTP must not dodge an {@code aws:SecureTransport} Deny and be read after).
     */
    private void copySource(RequestContext ctx, WireRequest request) {
        String source = request.header("x-amz-copy-source");
        if (source == null || !"PUT".equals(request.method())) {
            return;
        }
        String decoded = WireRequest.percentDecode(source.startsWith("/") ? source.substring(1) : source, false);
        int query = decoded.indexOf("?versionId=");
        String path = query < 0 ? decoded : decoded.substring(0, query);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            return;
        }
        BucketRecord b = policies.recent(path.substring(0, slash), buckets::find).orElse(null);
        if (b != null && b.policy() != null) {
            deny(ctx, b, query < 0 ? "s3:GetObject" : "s3:GetObjectVersion", path.substring(slash + 1));
        }
    }

    private void deny(RequestContext ctx, BucketRecord b, String action, String key) {
        if (policies.decide(b, PolicyPrincipal.account(ctx.accountId()), action, key, BucketPolicies.Origin.of(ctx)) == Decision.DENY) {
            throw new S3Exception(S3Error.AccessDenied);
        }
    }
}
