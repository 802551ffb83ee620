package io.haneul.s3;

import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyCache;
import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.s3.store.BucketRecord;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bucket's policy judged by the core policy engine for one request: the caller (an account, or
 * anonymous for a website visitor), the S3 action ({@code s3:GetObject}) and resource
 * ({@code arn:aws:s3:::bucket/key} or {@code arn:aws:s3:::bucket}), with the request's
 * {@code aws:SecureTransport}, {@code aws:SourceIp} and {@code aws:CurrentTime}. A bucket without a
 * policy, or with one that does not parse, grants nothing.
 */
final class BucketPolicies {

    /** How long a bucket row read for the Deny check is reused (SQS caches its queue rows the same way). */
    private static final long RECENT_MILLIS = 1000;
    private static final int RECENT_MAX = 10_000;

    private final PolicyCache parsed = new PolicyCache(1024);
    private final Clock clock;
    private final Map<String, Recent> recent = new ConcurrentHashMap<>();

    private record Recent(BucketRecord bucket, long readAt) {
    }

    BucketPolicies(Clock clock) {
        this.clock = clock;
    }

    /** Where a request came from, as conditions see it. */
    record Origin(String scheme, String sourceIp) {

        static Origin of(io.haneul.core.engine.RequestContext ctx) {
            return new Origin(ctx.scheme(), ctx.sourceIp());
        }
    }

    Decision decide(BucketRecord b, PolicyPrincipal who, String action, String key, Origin origin) {
        ContextKeys keys = ContextKeys.ofCall(who, clock.instant(), origin.scheme(), origin.sourceIp()).build();
        return parsed.evaluate(b.policy(), new AccessRequest(who, action, resource(b.name(), key), keys));
    }

    /**
     * The bucket as read at most a second ago: the Deny check every REST request makes must not cost a
     * store read of its own. A policy put or deleted on this node applies at once ({@link #forget});
     * on other nodes sharing PostgreSQL, within a second.
     */
    Optional<BucketRecord> recent(String name, Function<String, Optional<BucketRecord>> load) {
        long now = clock.millis();
        Recent r = recent.get(name);
        if (r != null && now - r.readAt() < RECENT_MILLIS && now >= r.readAt()) {
            return Optional.of(r.bucket());
        }
        Optional<BucketRecord> b = load.apply(name);
        if (recent.size() >= RECENT_MAX) {
            recent.clear();
        }
        b.ifPresentOrElse(found -> recent.put(name, new Recent(found, now)), () -> recent.remove(name));
        return b;
    }

    /** Drops what {@link #recent} remembers of a bucket whose policy or existence changed. */
    void forget(String name) {
        recent.remove(name);
    }

    /** Whether the policy grants everyone something with no condition (GetBucketPolicyStatus's IsPublic). */
    boolean isPublic(String policy) {
        return parsed.get(policy).map(p -> p.grantsEveryoneUnconditionally()).orElse(false);
    }

    static String resource(String bucket, String key) {
        return key == null ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
    }
}
