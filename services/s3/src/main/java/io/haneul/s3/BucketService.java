package io.haneul.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.engine.RequestContext;
import io.haneul.s3.domain.BucketNames;
import io.haneul.s3.domain.CorsRule;
import io.haneul.s3.domain.NotificationRule;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.domain.Tags;
import io.haneul.s3.store.BlobStore;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.S3Store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buckets: creation (global names, region constraints), ownership checks, deletion, and the
 * configuration documents kept with a bucket (tags, CORS, policy, versioning, notifications).
 */
final class BucketService {

    private static final TypeReference<List<CorsRule>> CORS_RULES = new TypeReference<>() {
    };

    private final S3Store store;
    private final BlobStore blobs;
    private final Clock clock;
    private final BucketPolicies policies;
    private final ObjectMapper json = new ObjectMapper();

    BucketService(S3Store store, BlobStore blobs, Clock clock, BucketPolicies policies) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.policies = policies;
    }

    /**
     * Creates a bucket in the region its location constraint names (us-east-1 when none). A signed
     * request must be sent to that region's endpoint, as AWS requires.
     *
     * @return the bucket, and whether it was created now (false: the caller already owned it in us-east-1,
     *         which S3 answers with 200 for compatibility)
     */
    BucketRecord create(RequestContext ctx, String name, String locationConstraint) {
        return create(ctx, name, locationConstraint, null, Map.of());
    }

    /**
     * As {@link #create(RequestContext, String, String)}, with the bucket's versioning state and its
     * initial configuration documents (kind to document), stored with it in one transaction.
     */
    BucketRecord create(RequestContext ctx, String name, String locationConstraint, String versioning, Map<String, String> configs) {
        BucketNames.check(name);
        String region = locationConstraint == null || locationConstraint.isEmpty() ? "us-east-1" : locationConstraint;
        if (locationConstraint != null && !locationConstraint.isEmpty() && !LocationConstraints.valid(locationConstraint)) {
            throw new S3Exception(S3Error.InvalidLocationConstraint, null, Map.of("LocationConstraint", locationConstraint));
        }
        // us-east-1 is S3's global endpoint: a request signed for it may create a bucket in any region, as AWS's does
        if (ctx.accessKeyId() != null && !region.equals(ctx.region()) && !"us-east-1".equals(ctx.region())) {
            if (locationConstraint == null || locationConstraint.isEmpty()) {
                throw new S3Exception(S3Error.IllegalLocationConstraintException);
            }
            throw new S3Exception(S3Error.IllegalLocationConstraintException, "The " + region
                    + " location constraint is incompatible for the region specific endpoint this request was sent to.");
        }
        return insert(ctx, new BucketRecord(name, ctx.accountId(), region, clock.millis(), versioning, null, null, null, null), configs,
                "us-east-1".equals(region));
    }

    /**
     * Creates a directory bucket (S3 Express One Zone) in the region the request was sent to, its name
     * and configuration already checked ({@link io.haneul.s3.domain.DirectoryBuckets}), with its initial
     * configuration documents.
     */
    BucketRecord createDirectory(RequestContext ctx, String name, Map<String, String> configs) {
        return insert(ctx, new BucketRecord(name, ctx.accountId(), ctx.region(), clock.millis(), null, null, null, null, null), configs,
                false);
    }

    /**
     * @param idempotent the caller's own bucket of that name is answered as created (us-east-1's legacy),
     *                   else BucketAlreadyOwnedByYou
     */
    private BucketRecord insert(RequestContext ctx, BucketRecord b, Map<String, String> configs, boolean idempotent) {
        String name = b.name();
        policies.forget(name);
        if (!store.createBucket(b, configs)) {
            BucketRecord existing = store.bucket(name).orElseThrow(() -> S3Exception.withBucket(S3Error.BucketAlreadyExists, name));
            if (!existing.account().equals(ctx.accountId())) {
                throw S3Exception.withBucket(S3Error.BucketAlreadyExists, name);
            }
            if (!"us-east-1".equals(existing.region()) || !idempotent) {
                throw S3Exception.withBucket(S3Error.BucketAlreadyOwnedByYou, name);
            }
            return existing;
        }
        return b;
    }

    /** The bucket, when the caller owns it. */
    BucketRecord require(RequestContext ctx, String name) {
        BucketRecord b = store.bucket(name).orElseThrow(() -> S3Exception.noSuchBucket(name));
        if (!b.account().equals(ctx.accountId())) {
            throw new S3Exception(S3Error.AccessDenied);
        }
        return b;
    }

    /**
     * The bucket, when the caller owns it or its policy allows the caller's account {@code action}
     * (e.g. {@code s3:GetObject}) on {@code key} (null: the bucket itself).
     */
    BucketRecord require(RequestContext ctx, String name, String action, String key) {
        BucketRecord b = store.bucket(name).orElseThrow(() -> S3Exception.noSuchBucket(name));
        if (!b.account().equals(ctx.accountId()) && !policies.decide(b, io.haneul.core.policy.PolicyPrincipal.account(ctx.accountId()),
                action, key, BucketPolicies.Origin.of(ctx)).allowed()) {
            throw new S3Exception(S3Error.AccessDenied);
        }
        return b;
    }

    /** Whether a policy allows everyone something with no condition (GetBucketPolicyStatus's IsPublic). */
    boolean policyIsPublic(String policy) {
        return policies.isPublic(policy);
    }

    Optional<BucketRecord> find(String name) {
        return store.bucket(name);
    }

    List<BucketRecord> list(RequestContext ctx) {
        return store.buckets(ctx.accountId());
    }

    void delete(RequestContext ctx, String name) {
        require(ctx, name);
        List<String> dropped = new ArrayList<>();
        switch (store.deleteBucket(name, dropped)) {
            case MISSING -> throw S3Exception.noSuchBucket(name);
            case NOT_EMPTY -> throw S3Exception.withBucket(S3Error.BucketNotEmpty, name);
            case DELETED -> blobs.delete(dropped);
        }
        policies.forget(name);
    }

    // ---- tags ----

    void putTags(RequestContext ctx, String name, List<Tags.Tag> tags) {
        require(ctx, name);
        store.setBucketTags(name, Tags.check(tags, Tags.MAX_BUCKET_TAGS, false));
    }

    Map<String, String> tags(RequestContext ctx, String name) {
        BucketRecord b = require(ctx, name);
        if (b.tags() == null || b.tags().isEmpty()) {
            throw S3Exception.withBucket(S3Error.NoSuchTagSet, name);
        }
        return b.tags();
    }

    void deleteTags(RequestContext ctx, String name) {
        require(ctx, name);
        store.setBucketTags(name, null);
    }

    // ---- CORS ----

    void putCors(RequestContext ctx, String name, List<CorsRule> rules) {
        require(ctx, name);
        if (rules.isEmpty() || rules.size() > 100) {
            throw S3Exception.malformedXml();
        }
        rules.forEach(CorsRule::check);
        store.setBucket(name, S3Store.BucketSetting.CORS, write(rules));
    }

    List<CorsRule> cors(RequestContext ctx, String name) {
        BucketRecord b = require(ctx, name);
        if (b.cors() == null) {
            throw S3Exception.withBucket(S3Error.NoSuchCORSConfiguration, name);
        }
        return corsRules(b);
    }

    /** The bucket's CORS rules (empty when none), for preflight and response headers. */
    List<CorsRule> corsRules(BucketRecord b) {
        if (b.cors() == null) {
            return List.of();
        }
        try {
            return json.readValue(b.cors(), CORS_RULES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt CORS configuration of " + b.name(), e);
        }
    }

    void deleteCors(RequestContext ctx, String name) {
        require(ctx, name);
        store.setBucket(name, S3Store.BucketSetting.CORS, null);
    }

    // ---- policy ----

    /**
     * Stores a bucket policy after parsing it.
     *
     * @param blockPublic the bucket's BlockPublicAccess has BlockPublicPolicy on: a policy granting
     *                    everyone access is refused, as AWS refuses it (existing policies stay)
     */
    void putPolicy(RequestContext ctx, String name, String policy, boolean blockPublic) {
        require(ctx, name);
        if (policy == null || !policy.strip().startsWith("{")) {
            throw new S3Exception(S3Error.MalformedPolicy);
        }
        try {
            json.readTree(policy);
        } catch (JsonProcessingException e) {
            throw new S3Exception(S3Error.MalformedPolicy, "Policies must be valid JSON and the first byte must be '{'");
        }
        try {
            io.haneul.core.policy.PolicyDocument.parse(policy);
        } catch (io.haneul.core.policy.MalformedPolicyException e) {
            throw new S3Exception(S3Error.MalformedPolicy, e.getMessage());
        }
        if (blockPublic && policies.isPublic(policy)) {
            throw new S3Exception(S3Error.AccessDenied, "User: arn:aws:iam::" + ctx.accountId() + ":root is not authorized to perform:"
                    + " s3:PutBucketPolicy on resource: \"arn:aws:s3:::" + name + "\" because public policies are blocked by the"
                    + " BlockPublicPolicy block public access setting.");
        }
        store.setBucket(name, S3Store.BucketSetting.POLICY, policy);
        policies.forget(name);
    }

    String policy(RequestContext ctx, String name) {
        BucketRecord b = require(ctx, name);
        if (b.policy() == null) {
            throw S3Exception.withBucket(S3Error.NoSuchBucketPolicy, name);
        }
        return b.policy();
    }

    void deletePolicy(RequestContext ctx, String name) {
        require(ctx, name);
        store.setBucket(name, S3Store.BucketSetting.POLICY, null);
        policies.forget(name);
    }

    // ---- versioning ----

    void putVersioning(RequestContext ctx, String name, String status) {
        require(ctx, name);
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw S3Exception.malformedXml();
        }
        store.setBucket(name, S3Store.BucketSetting.VERSIONING, status);
    }

    // ---- notifications ----

    void putNotifications(RequestContext ctx, String name, NotificationConfig config) {
        require(ctx, name);
        config.rules().forEach(NotificationRule::check);
        store.setBucket(name, S3Store.BucketSetting.NOTIFICATION, config.hasNone() ? null : write(config));
    }

    NotificationConfig notifications(BucketRecord b) {
        if (b.notification() == null) {
            return NotificationConfig.EMPTY;
        }
        try {
            return json.readValue(b.notification(), NotificationConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt notification configuration of " + b.name(), e);
        }
    }

    /** A bucket's notification configuration as stored. */
    record NotificationConfig(List<NotificationRule> rules, boolean eventBridge) {
        static final NotificationConfig EMPTY = new NotificationConfig(List.of(), false);

        NotificationConfig {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        boolean hasNone() {
            return rules.isEmpty() && !eventBridge;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
