package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import software.amazon.awssdk.services.s3.model.*;

import java.util.HashSet;
import java.util.Set;

/**
 * S3's operations on bucket configuration documents that are kept and handed back (lifecycle,
 * encryption, website, logging, acceleration, request payment, ownership controls, public access
 * block, replication, Object Lock, policy status). Kept apart from {@link S3Provider}, which inherits
 * them, so each file stays small; like it, this only maps SDK objects and makes AWS's checks.
 */
abstract class BucketConfigurationOperations extends IdentifiedConfigurationOperations {

    /** AWS's default for new buckets since 2023: every Block Public Access setting on. */
    static final PublicAccessBlockConfiguration BLOCK_ALL = PublicAccessBlockConfiguration.builder().blockPublicAcls(true)
            .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();
    /** What a bucket without its own encryption configuration reports: SSE-S3, as AWS applies to every bucket. */
    static final ServerSideEncryptionConfiguration DEFAULT_ENCRYPTION = ServerSideEncryptionConfiguration.builder().rules(
            ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))
                    .bucketKeyEnabled(false).build()).build();
    private static final String DEFAULT_MINIMUM_SIZE = "all_storage_classes_128K";
    private static final String MINIMUM_SIZE_HEADER = "x-amz-transition-default-minimum-object-size";

    private final BucketService buckets;

    BucketConfigurationOperations(BucketConfigurations configs, BucketService buckets) {
        super(configs);
        this.buckets = buckets;
    }

    // ---- lifecycle ----

    public PutBucketLifecycleConfigurationResponse putBucketLifecycleConfiguration(RequestContext ctx, PutBucketLifecycleConfigurationRequest r) {
        BucketConfigChecks.lifecycle(r.lifecycleConfiguration());
        String size = r.transitionDefaultMinimumObjectSizeAsString() == null ? DEFAULT_MINIMUM_SIZE
                : r.transitionDefaultMinimumObjectSizeAsString();
        if (TransitionDefaultMinimumObjectSize.fromValue(size) == TransitionDefaultMinimumObjectSize.UNKNOWN_TO_SDK_VERSION) {
            throw S3Exception.invalidRequest("Invalid value for x-amz-transition-default-minimum-object-size: " + size);
        }
        configs.put(ctx, r.bucket(), Kind.LIFECYCLE, r.lifecycleConfiguration());
        // the header is kept beside the rules (as a name/value pair: the SDK's own response keeps it in a header,
        // which stored documents leave out) and echoed by Put and Get as AWS does
        configs.put(ctx, r.bucket(), Kind.LIFECYCLE_MINIMUM_SIZE, Tag.builder().key(MINIMUM_SIZE_HEADER).value(size).build());
        return PutBucketLifecycleConfigurationResponse.builder().transitionDefaultMinimumObjectSize(size).build();
    }

    public GetBucketLifecycleConfigurationResponse getBucketLifecycleConfiguration(RequestContext ctx, GetBucketLifecycleConfigurationRequest r) {
        BucketLifecycleConfiguration c = configs.get(ctx, r.bucket(), Kind.LIFECYCLE, BucketLifecycleConfiguration.class).orElseThrow();
        String size = configs.getStored(r.bucket(), Kind.LIFECYCLE_MINIMUM_SIZE, Tag.class).map(Tag::value).orElse(DEFAULT_MINIMUM_SIZE);
        return GetBucketLifecycleConfigurationResponse.builder().rules(c.rules()).transitionDefaultMinimumObjectSize(size).build();
    }

    public DeleteBucketLifecycleResponse deleteBucketLifecycle(RequestContext ctx, DeleteBucketLifecycleRequest r) {
        configs.delete(ctx, r.bucket(), Kind.LIFECYCLE);
        configs.delete(ctx, r.bucket(), Kind.LIFECYCLE_MINIMUM_SIZE);
        return DeleteBucketLifecycleResponse.builder().build();
    }

    // ---- default encryption ----

    public PutBucketEncryptionResponse putBucketEncryption(RequestContext ctx, PutBucketEncryptionRequest r) {
        BucketConfigChecks.encryption(r.serverSideEncryptionConfiguration());
        configs.put(ctx, r.bucket(), Kind.ENCRYPTION, r.serverSideEncryptionConfiguration());
        return PutBucketEncryptionResponse.builder().build();
    }

    public GetBucketEncryptionResponse getBucketEncryption(RequestContext ctx, GetBucketEncryptionRequest r) {
        return GetBucketEncryptionResponse.builder().serverSideEncryptionConfiguration(configs.get(ctx, r.bucket(), Kind.ENCRYPTION,
                ServerSideEncryptionConfiguration.class).orElse(DEFAULT_ENCRYPTION)).build();
    }

    /** Returns the bucket to the default (SSE-S3), as AWS does. */
    public DeleteBucketEncryptionResponse deleteBucketEncryption(RequestContext ctx, DeleteBucketEncryptionRequest r) {
        configs.delete(ctx, r.bucket(), Kind.ENCRYPTION);
        return DeleteBucketEncryptionResponse.builder().build();
    }

    // ---- website ----

    public PutBucketWebsiteResponse putBucketWebsite(RequestContext ctx, PutBucketWebsiteRequest r) {
        BucketConfigChecks.website(r.websiteConfiguration());
        configs.put(ctx, r.bucket(), Kind.WEBSITE, r.websiteConfiguration());
        return PutBucketWebsiteResponse.builder().build();
    }

    public GetBucketWebsiteResponse getBucketWebsite(RequestContext ctx, GetBucketWebsiteRequest r) {
        WebsiteConfiguration c = configs.get(ctx, r.bucket(), Kind.WEBSITE, WebsiteConfiguration.class).orElseThrow();
        return GetBucketWebsiteResponse.builder().indexDocument(c.indexDocument()).errorDocument(c.errorDocument())
                .redirectAllRequestsTo(c.redirectAllRequestsTo()).routingRules(c.hasRoutingRules() ? c.routingRules() : null).build();
    }

    public DeleteBucketWebsiteResponse deleteBucketWebsite(RequestContext ctx, DeleteBucketWebsiteRequest r) {
        configs.delete(ctx, r.bucket(), Kind.WEBSITE);
        return DeleteBucketWebsiteResponse.builder().build();
    }

    // ---- server access logging ----

    public PutBucketLoggingResponse putBucketLogging(RequestContext ctx, PutBucketLoggingRequest r) {
        LoggingEnabled logging = r.bucketLoggingStatus() == null ? null : r.bucketLoggingStatus().loggingEnabled();
        if (logging != null) {
            BucketRecord target = buckets.find(logging.targetBucket())
                    .orElseThrow(() -> S3Exception.withBucket(S3Error.InvalidTargetBucketForLogging, logging.targetBucket()));
            if (!target.account().equals(ctx.accountId())) {
                throw new S3Exception(S3Error.InvalidTargetBucketForLogging, "You must own the target bucket for logging");
            }
        }
        configs.put(ctx, r.bucket(), Kind.LOGGING, r.bucketLoggingStatus());
        return PutBucketLoggingResponse.builder().build();
    }

    public GetBucketLoggingResponse getBucketLogging(RequestContext ctx, GetBucketLoggingRequest r) {
        return GetBucketLoggingResponse.builder().loggingEnabled(configs.get(ctx, r.bucket(), Kind.LOGGING, BucketLoggingStatus.class)
                .map(BucketLoggingStatus::loggingEnabled).orElse(null)).build();
    }

    // ---- transfer acceleration ----

    public PutBucketAccelerateConfigurationResponse putBucketAccelerateConfiguration(RequestContext ctx,
                                                                                     PutBucketAccelerateConfigurationRequest r) {
        if (r.bucket() != null && r.bucket().contains(".")) {
            throw new S3Exception(S3Error.InvalidRequest, "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names");
        }
        BucketConfigChecks.accelerate(r.accelerateConfiguration());
        configs.put(ctx, r.bucket(), Kind.ACCELERATE, r.accelerateConfiguration());
        return PutBucketAccelerateConfigurationResponse.builder().build();
    }

    public GetBucketAccelerateConfigurationResponse getBucketAccelerateConfiguration(RequestContext ctx,
                                                                                     GetBucketAccelerateConfigurationRequest r) {
        return GetBucketAccelerateConfigurationResponse.builder().status(configs.get(ctx, r.bucket(), Kind.ACCELERATE,
                AccelerateConfiguration.class).map(AccelerateConfiguration::statusAsString).orElse(null)).build();
    }

    // ---- requester pays ----

    public PutBucketRequestPaymentResponse putBucketRequestPayment(RequestContext ctx, PutBucketRequestPaymentRequest r) {
        BucketConfigChecks.requestPayment(r.requestPaymentConfiguration());
        configs.put(ctx, r.bucket(), Kind.REQUEST_PAYMENT, r.requestPaymentConfiguration());
        return PutBucketRequestPaymentResponse.builder().build();
    }

    public GetBucketRequestPaymentResponse getBucketRequestPayment(RequestContext ctx, GetBucketRequestPaymentRequest r) {
        return GetBucketRequestPaymentResponse.builder().payer(configs.get(ctx, r.bucket(), Kind.REQUEST_PAYMENT,
                RequestPaymentConfiguration.class).map(RequestPaymentConfiguration::payerAsString).orElse(Payer.BUCKET_OWNER.toString())).build();
    }

    // ---- object ownership ----

    public PutBucketOwnershipControlsResponse putBucketOwnershipControls(RequestContext ctx, PutBucketOwnershipControlsRequest r) {
        BucketConfigChecks.ownership(r.ownershipControls());
        configs.put(ctx, r.bucket(), Kind.OWNERSHIP, r.ownershipControls());
        return PutBucketOwnershipControlsResponse.builder().build();
    }

    public GetBucketOwnershipControlsResponse getBucketOwnershipControls(RequestContext ctx, GetBucketOwnershipControlsRequest r) {
        return GetBucketOwnershipControlsResponse.builder()
                .ownershipControls(configs.get(ctx, r.bucket(), Kind.OWNERSHIP, OwnershipControls.class).orElseThrow()).build();
    }

    public DeleteBucketOwnershipControlsResponse deleteBucketOwnershipControls(RequestContext ctx, DeleteBucketOwnershipControlsRequest r) {
        configs.delete(ctx, r.bucket(), Kind.OWNERSHIP);
        return DeleteBucketOwnershipControlsResponse.builder().build();
    }

    // ---- block public access ----

    public PutPublicAccessBlockResponse putPublicAccessBlock(RequestContext ctx, PutPublicAccessBlockRequest r) {
        configs.put(ctx, r.bucket(), Kind.PUBLIC_ACCESS_BLOCK, r.publicAccessBlockConfiguration());
        return PutPublicAccessBlockResponse.builder().build();
    }

    public GetPublicAccessBlockResponse getPublicAccessBlock(RequestContext ctx, GetPublicAccessBlockRequest r) {
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(configs.get(ctx, r.bucket(),
                Kind.PUBLIC_ACCESS_BLOCK, PublicAccessBlockConfiguration.class).orElseThrow()).build();
    }

    public DeletePublicAccessBlockResponse deletePublicAccessBlock(RequestContext ctx, DeletePublicAccessBlockRequest r) {
        configs.delete(ctx, r.bucket(), Kind.PUBLIC_ACCESS_BLOCK);
        return DeletePublicAccessBlockResponse.builder().build();
    }

    // ---- replication ----

    public PutBucketReplicationResponse putBucketReplication(RequestContext ctx, PutBucketReplicationRequest r) {
        if (!"Enabled".equals(buckets.require(ctx, r.bucket()).versioning())) {
            throw new S3Exception(S3Error.InvalidRequest, "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
        }
        BucketConfigChecks.replication(r.replicationConfiguration());
        configs.put(ctx, r.bucket(), Kind.REPLICATION, r.replicationConfiguration());
        return PutBucketReplicationResponse.builder().build();
    }

    public GetBucketReplicationResponse getBucketReplication(RequestContext ctx, GetBucketReplicationRequest r) {
        return GetBucketReplicationResponse.builder().replicationConfiguration(configs.get(ctx, r.bucket(), Kind.REPLICATION,
                ReplicationConfiguration.class).orElseThrow()).build();
    }

    public DeleteBucketReplicationResponse deleteBucketReplication(RequestContext ctx, DeleteBucketReplicationRequest r) {
        configs.delete(ctx, r.bucket(), Kind.REPLICATION);
        return DeleteBucketReplicationResponse.builder().build();
    }

    // ---- Object Lock ----

    public PutObjectLockConfigurationResponse putObjectLockConfiguration(RequestContext ctx, PutObjectLockConfigurationRequest r) {
        if (!"Enabled".equals(buckets.require(ctx, r.bucket()).versioning())) {
            throw new S3Exception(S3Error.InvalidBucketState, "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
        }
        BucketConfigChecks.objectLock(r.objectLockConfiguration());
        configs.put(ctx, r.bucket(), Kind.OBJECT_LOCK, r.objectLockConfiguration());
        return PutObjectLockConfigurationResponse.builder().build();
    }

    public GetObjectLockConfigurationResponse getObjectLockConfiguration(RequestContext ctx, GetObjectLockConfigurationRequest r) {
        return GetObjectLockConfigurationResponse.builder().objectLockConfiguration(configs.get(ctx, r.bucket(), Kind.OBJECT_LOCK,
                ObjectLockConfiguration.class).orElseThrow()).build();
    }

    // ---- policy status ----

    /** Public when a statement allows everyone ("*") without a condition, the test AWS documents. */
    public GetBucketPolicyStatusResponse getBucketPolicyStatus(RequestContext ctx, GetBucketPolicyStatusRequest r) {
        String policy = buckets.policy(ctx, r.bucket());
        return GetBucketPolicyStatusResponse.builder().policyStatus(s -> s.isPublic(buckets.policyIsPublic(policy))).build();
    }

    /** Unique ids across a document's rules, which AWS requires of lifecycle and replication rules. */
    static void uniqueIds(Iterable<String> ids, String message) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id != null && !seen.add(id)) {
                throw new S3Exception(S3Error.InvalidArgument, message);
            }
        }
    }
}
