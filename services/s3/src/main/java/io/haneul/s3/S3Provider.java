package io.haneul.s3;

import io.haneul.core.engine.ErrorTranslator;
import io.haneul.core.engine.HttpInterceptor;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.StreamingOutput;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.s3.domain.CorsRule;
import io.haneul.s3.domain.DirectoryBuckets;
import io.haneul.s3.domain.Ids;
import io.haneul.s3.domain.NotificationRule;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.domain.Tags;
import io.haneul.s3.domain.Tokens;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import software.amazon.awssdk.services.s3.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Amazon S3 (2006-03-01): buckets and their configuration, objects streamed to and from files,
 * versioning, multipart uploads, listings, event notifications. Thin: it maps the SDK's request and
 * response objects onto {@link BucketService}, {@link ObjectService}, {@link MultipartService} and
 * {@link ListingService}. The deprecated lifecycle and notification operations send the very requests
 * of their successors, which answer them (old clients read the successors' XML).
 */
@io.haneul.core.engine.DocumentOperations.AnsweredAs({"GetBucketLifecycle=GetBucketLifecycleConfiguration",
        "PutBucketLifecycle=PutBucketLifecycleConfiguration", "GetBucketNotification=GetBucketNotificationConfiguration",
        "PutBucketNotification=PutBucketNotificationConfiguration"})
@io.haneul.core.engine.ProviderParts.Types({MetadataConfigurationApi.class, BucketAbacApi.class, ObjectAnnotationsApi.class,
        ObjectEncryptionApi.class, RenameObjectApi.class, SelectObjectContentApi.class,
        MetadataAnnotationTableApi.class, DirectoryBucketsApi.class, ObjectTorrentApi.class})
public final class S3Provider extends BucketConfigurationOperations implements ErrorTranslator, HttpInterceptor, AutoCloseable,
        io.haneul.core.engine.ProviderParts {

    private final BucketService buckets;
    private final ObjectService objects;
    private final MultipartService multipart;
    private final ListingService listings;
    private final EventNotifier events;
    private final CorsSupport cors;
    private final WebsiteEndpoint website;
    private final BucketPolicyGuard guard;
    private final ExpectedOwner expectedOwner;
    private final ExpressSessions sessions;

    private final AclService acls;
    private final BrowserUploads uploads;
    private final LifecycleSweeper lifecycle;
    private final ObjectLocks locks;
    private final List<Object> parts;

    /** Reads that found an object's bytes missing from the blob store (for the metrics). */
    long missingBlobs() {
        return objects.missingBlobs();
    }

    S3Provider(BucketService buckets, BucketConfigurations configs, AclService acls, BrowserUploads uploads, LifecycleSweeper lifecycle,
               ObjectLocks locks, ObjectService objects, MultipartService multipart, ListingService listings, EventNotifier events,
               BucketPolicies policies, ExpressSessions sessions) {
        super(configs, buckets);
        this.sessions = sessions;
        this.acls = acls;
        this.uploads = uploads;
        this.lifecycle = lifecycle;
        this.locks = locks;
        this.buckets = buckets;
        this.objects = objects;
        this.multipart = multipart;
        this.listings = listings;
        this.events = events;
        this.cors = new CorsSupport(buckets);
        this.website = new WebsiteEndpoint(buckets, configs, objects, new WebsiteAccess(configs, acls, policies));
        this.guard = new BucketPolicyGuard(buckets, policies);
        this.expectedOwner = new ExpectedOwner(buckets);
        this.parts = List.of(new MetadataConfigurationApi(configs), new BucketAbacApi(configs),
                new ObjectAnnotationsApi(buckets, objects, objects.store().annotations(), objects.clock()),
                new ObjectEncryptionApi(buckets, objects, objects.store()), new RenameObjectApi(buckets, objects),
                new SelectObjectContentApi(buckets, objects), new MetadataAnnotationTableApi(configs),
                new DirectoryBucketsApi(buckets, sessions), new ObjectTorrentApi(buckets, objects));
    }

    /** Operations kept in parts of their own (see {@link io.haneul.core.engine.ProviderParts}). */
    @Override
    public List<Object> operationParts() {
        return parts;
    }

    /** Stops background work when the server closes. */
    @Override
    public void close() {
        lifecycle.stop();
    }

    /** The lifecycle sweeper, for the internal route that runs it now. */
    LifecycleSweeper lifecycle() {
        return lifecycle;
    }

    /** What S3 exports to other services: object writes on PutObject's path. */
    io.haneul.core.spi.ObjectStorage storage() {
        return new S3ObjectStorage(objects, acls);
    }

    @Override
    public AwsErrorException translate(RuntimeException e) {
        return S3Errors.toAws(e);
    }

    /**
     * Answers a request to a bucket's website endpoint ({@link WebsitePlane}), with the CORS headers
     * and request ids S3's REST answers carry.
     */
    WireResponse website(WireRequest request, String bucket, String keyPath, String base, String requestId, String scheme) {
        WireRequest pathStyle = new WireRequest(request.method(), "/" + bucket + keyPath, request.rawQuery(), request.headers(),
                request.body());
        WireResponse response = website.handle(request, bucket, keyPath, base, scheme);
        cors.after(pathStyle, response);
        response.headers().set("x-amz-request-id", requestId);
        response.headers().set("x-amz-id-2", requestId);
        return response;
    }

    @Override
    public WireResponse before(RequestContext context, WireRequest request) {
        WireResponse preflight = cors.before(context, request);
        if (preflight == null && BrowserUploads.matches(request)) {
            return uploads.handle(context, request);
        }
        if (preflight == null) {
            expectedOwner.check(request);
            guard.check(context, request);
        }
        return preflight;
    }

    @Override
    public void beforeOperation(RequestContext context, WireRequest request, String operation) {
        sessions.check(context.accessKeyId(), bucketOf(request), operation);
        if ("CopyObject".equals(operation) || "UploadPartCopy".equals(operation)) {
            sessions.check(context.accessKeyId(), copySourceBucket(request), "GetObject"); // a copy reads its source
        }
    }

    /** The bucket {@code x-amz-copy-source} names ({@code bucket/key} or {@code /bucket/key}, URL-encoded), or null. */
    private static String copySourceBucket(WireRequest request) {
        String source = request.header("x-amz-copy-source");
        if (source == null) {
            return null;
        }
        String decoded = WireRequest.percentDecode(source.startsWith("/") ? source.substring(1) : source, false);
        int slash = decoded.indexOf('/');
        return slash < 0 ? decoded : decoded.substring(0, slash);
    }

    /** The bucket a path-style request addresses, or null for {@code /}. */
    private static String bucketOf(WireRequest request) {
        String path = request.rawPath();
        int end = path.indexOf('/', 1);
        String bucket = end < 0 ? path.substring(1) : path.substring(1, end);
        return bucket.isEmpty() ? null : bucket;
    }

    @Override
    public void after(RequestContext context, WireRequest request, WireResponse response) {
        cors.after(request, response);
    }

    // ---- buckets ----

    public CreateBucketResponse createBucket(RequestContext ctx, CreateBucketRequest r) {
        CreateBucketConfiguration c = r.createBucketConfiguration();
        java.util.Map<BucketConfigurations.Kind, software.amazon.awssdk.core.SdkPojo> initial = new java.util.EnumMap<>(BucketConfigurations.Kind.class);
        initial.put(BucketConfigurations.Kind.OWNERSHIP, OwnershipControls.builder().rules(rule -> rule.objectOwnership(
                r.objectOwnership() == null ? ObjectOwnership.BUCKET_OWNER_ENFORCED : r.objectOwnership())).build());
        initial.put(BucketConfigurations.Kind.PUBLIC_ACCESS_BLOCK, BLOCK_ALL);
        AccessControlPolicy acl = acls.initialBucketAcl(ctx, new AclService.Requested(r.aclAsString(), null, AclService.grantHeaders(
                r.grantFullControl(), r.grantRead(), r.grantReadACP(), r.grantWrite(), r.grantWriteACP())), r.objectOwnership());
        if (acl != null) {
            initial.put(BucketConfigurations.Kind.ACL, acl);
        }
        if (c != null && c.bucket() != null) {
            if (Boolean.TRUE.equals(r.objectLockEnabledForBucket())) {
                throw S3Exception.invalidRequest("Object Lock is not supported for directory buckets.");
            }
            return createDirectoryBucket(ctx, r.bucket(), c, initial);
        }
        boolean locked = Boolean.TRUE.equals(r.objectLockEnabledForBucket());
        if (locked) {
            initial.put(BucketConfigurations.Kind.OBJECT_LOCK, ObjectLockConfiguration.builder().objectLockEnabled(ObjectLockEnabled.ENABLED).build());
        }
        BucketRecord b = buckets.create(ctx, r.bucket(), c == null ? null : c.locationConstraintAsString(), locked ? "Enabled" : null,
                configs.initial(initial));
        return CreateBucketResponse.builder().location("/" + b.name()).bucketArn("arn:aws:s3:::" + b.name()).build();
    }

    /** A CreateBucket whose configuration names a bucket type: a directory bucket (S3 Express One Zone). */
    private CreateBucketResponse createDirectoryBucket(RequestContext ctx, String name, CreateBucketConfiguration c,
                                                       java.util.Map<BucketConfigurations.Kind, software.amazon.awssdk.core.SdkPojo> initial) {
        LocationInfo location = c.location();
        DirectoryBuckets.Placement placement = DirectoryBuckets.check(name, new DirectoryBuckets.Requested(
                location == null ? null : location.typeAsString(), location == null ? null : location.name(), c.bucket().typeAsString(),
                c.bucket().dataRedundancyAsString(), c.locationConstraintAsString()));
        if (ctx.accessKeyId() != null) {
            DirectoryBuckets.checkZoneIn(name, ctx.region());
        }
        initial.put(BucketConfigurations.Kind.DIRECTORY, CreateBucketConfiguration.builder()
                .location(LocationInfo.builder().type(placement.locationType()).name(location.name()).build())
                .bucket(BucketInfo.builder().type(BucketType.DIRECTORY).dataRedundancy(placement.dataRedundancy()).build()).build());
        BucketRecord b = buckets.createDirectory(ctx, name, configs.initial(initial));
        return CreateBucketResponse.builder().location("/" + b.name()).bucketArn(DirectoryBuckets.arn(b.region(), b.account(), b.name()))
                .build();
    }

    /** A directory bucket answers where it is: its region, and its zone (type and id). */
    public HeadBucketResponse headBucket(RequestContext ctx, HeadBucketRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        HeadBucketResponse.Builder out = HeadBucketResponse.builder().bucketRegion(b.region());
        java.util.Optional<LocationInfo> zone = !DirectoryBuckets.isDirectory(b.name()) ? java.util.Optional.empty()
                : configs.getStored(b.name(), BucketConfigurations.Kind.DIRECTORY, CreateBucketConfiguration.class)
                .map(CreateBucketConfiguration::location);
        if (zone.isPresent()) {
            return out.bucketLocationType(zone.get().typeAsString()).bucketLocationName(zone.get().name())
                    .bucketArn(DirectoryBuckets.arn(b.region(), b.account(), b.name())).build();
        }
        return out.accessPointAlias(false).build();
    }

    public ListBucketsResponse listBuckets(RequestContext ctx, ListBucketsRequest r) {
        int max = r.maxBuckets() == null ? 10_000 : r.maxBuckets();
        if (max < 1 || max > 10_000) {
            throw S3Exception.invalidArgument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets",
                    String.valueOf(max));
        }
        String after = r.continuationToken() == null ? null : Tokens.decode(r.continuationToken()).key();
        List<Bucket> out = new ArrayList<>();
        String next = null;
        for (BucketRecord b : buckets.list(ctx)) {
            if (DirectoryBuckets.isDirectory(b.name())) {
                continue; // listed by ListDirectoryBuckets
            }
            if ((after != null && b.name().compareTo(after) <= 0) || (r.prefix() != null && !b.name().startsWith(r.prefix()))
                    || (r.bucketRegion() != null && !r.bucketRegion().equals(b.region()))) {
                continue;
            }
            if (out.size() == max) {
                next = Tokens.encode(io.haneul.s3.domain.Listing.Cursor.after(out.getLast().name()));
                break;
            }
            out.add(Bucket.builder().name(b.name()).creationDate(Instant.ofEpochMilli(b.createdAt())).bucketRegion(b.region())
                    .bucketArn("arn:aws:s3:::" + b.name()).build());
        }
        return ListBucketsResponse.builder().buckets(out).owner(ListingService.owner(ctx.accountId())).continuationToken(next)
                .prefix(r.prefix()).build();
    }

    public DeleteBucketResponse deleteBucket(RequestContext ctx, DeleteBucketRequest r) {
        buckets.delete(ctx, r.bucket());
        return DeleteBucketResponse.builder().build();
    }

    public GetBucketLocationResponse getBucketLocation(RequestContext ctx, GetBucketLocationRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        return GetBucketLocationResponse.builder().locationConstraint("us-east-1".equals(b.region()) ? "" : b.region()).build();
    }

    public GetBucketAclResponse getBucketAcl(RequestContext ctx, GetBucketAclRequest r) {
        AccessControlPolicy p = acls.bucketAcl(ctx, r.bucket());
        return GetBucketAclResponse.builder().owner(p.owner()).grants(p.grants()).build();
    }

    public PutBucketAclResponse putBucketAcl(RequestContext ctx, PutBucketAclRequest r) {
        acls.putBucketAcl(ctx, r.bucket(), new AclService.Requested(r.aclAsString(), r.accessControlPolicy(), AclService.grantHeaders(
                r.grantFullControl(), r.grantRead(), r.grantReadACP(), r.grantWrite(), r.grantWriteACP())));
        return PutBucketAclResponse.builder().build();
    }

    public GetObjectAclResponse getObjectAcl(RequestContext ctx, GetObjectAclRequest r) {
        AccessControlPolicy p = acls.objectAcl(objects.tagged(ctx, r.bucket(), r.key(), r.versionId()));
        return GetObjectAclResponse.builder().owner(p.owner()).grants(p.grants()).build();
    }

    public PutObjectAclResponse putObjectAcl(RequestContext ctx, PutObjectAclRequest r) {
        ObjectRecord o = objects.tagged(ctx, r.bucket(), r.key(), r.versionId());
        acls.putObjectAcl(buckets.require(ctx, r.bucket()), o, new AclService.Requested(r.aclAsString(), r.accessControlPolicy(),
                AclService.grantHeaders(r.grantFullControl(), r.grantRead(), r.grantReadACP(), null, r.grantWriteACP())));
        return PutObjectAclResponse.builder().build();
    }

    public PutBucketTaggingResponse putBucketTagging(RequestContext ctx, PutBucketTaggingRequest r) {
        if (r.tagging() == null) {
            throw S3Exception.malformedXml();
        }
        buckets.putTags(ctx, r.bucket(), r.tagging().tagSet().stream().map(t -> new Tags.Tag(t.key(), t.value())).toList());
        return PutBucketTaggingResponse.builder().build();
    }

    public GetBucketTaggingResponse getBucketTagging(RequestContext ctx, GetBucketTaggingRequest r) {
        return GetBucketTaggingResponse.builder().tagSet(tagSet(buckets.tags(ctx, r.bucket()))).build();
    }

    public DeleteBucketTaggingResponse deleteBucketTagging(RequestContext ctx, DeleteBucketTaggingRequest r) {
        buckets.deleteTags(ctx, r.bucket());
        return DeleteBucketTaggingResponse.builder().build();
    }

    public PutBucketCorsResponse putBucketCors(RequestContext ctx, PutBucketCorsRequest r) {
        if (r.corsConfiguration() == null) {
            throw S3Exception.malformedXml();
        }
        buckets.putCors(ctx, r.bucket(), r.corsConfiguration().corsRules().stream().map(c -> new CorsRule(c.id(), c.allowedOrigins(),
                c.allowedMethods(), c.allowedHeaders(), c.exposeHeaders(), c.maxAgeSeconds())).toList());
        return PutBucketCorsResponse.builder().build();
    }

    public GetBucketCorsResponse getBucketCors(RequestContext ctx, GetBucketCorsRequest r) {
        return GetBucketCorsResponse.builder().corsRules(buckets.cors(ctx, r.bucket()).stream().map(c -> CORSRule.builder().id(c.id())
                .allowedOrigins(c.allowedOrigins()).allowedMethods(c.allowedMethods())
                .allowedHeaders(c.allowedHeaders().isEmpty() ? null : c.allowedHeaders())
                .exposeHeaders(c.exposeHeaders().isEmpty() ? null : c.exposeHeaders()).maxAgeSeconds(c.maxAgeSeconds()).build())
                .toList()).build();
    }

    public DeleteBucketCorsResponse deleteBucketCors(RequestContext ctx, DeleteBucketCorsRequest r) {
        buckets.deleteCors(ctx, r.bucket());
        return DeleteBucketCorsResponse.builder().build();
    }

    public PutBucketPolicyResponse putBucketPolicy(RequestContext ctx, PutBucketPolicyRequest r) {
        boolean blocksPublicPolicies = configs.getStored(r.bucket(), BucketConfigurations.Kind.PUBLIC_ACCESS_BLOCK,
                        software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration.class)
                .map(c -> Boolean.TRUE.equals(c.blockPublicPolicy())).orElse(false);
        buckets.putPolicy(ctx, r.bucket(), r.policy(), blocksPublicPolicies);
        return PutBucketPolicyResponse.builder().build();
    }

    public GetBucketPolicyResponse getBucketPolicy(RequestContext ctx, GetBucketPolicyRequest r) {
        return GetBucketPolicyResponse.builder().policy(buckets.policy(ctx, r.bucket())).build();
    }

    public DeleteBucketPolicyResponse deleteBucketPolicy(RequestContext ctx, DeleteBucketPolicyRequest r) {
        buckets.deletePolicy(ctx, r.bucket());
        return DeleteBucketPolicyResponse.builder().build();
    }

    public PutBucketVersioningResponse putBucketVersioning(RequestContext ctx, PutBucketVersioningRequest r) {
        if (r.versioningConfiguration() == null) {
            throw S3Exception.malformedXml();
        }
        if (!"Enabled".equals(r.versioningConfiguration().statusAsString()) && configs.has(r.bucket(), BucketConfigurations.Kind.OBJECT_LOCK)) {
            buckets.require(ctx, r.bucket());
            throw new S3Exception(S3Error.InvalidBucketState,
                    "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
        }
        buckets.putVersioning(ctx, r.bucket(), r.versioningConfiguration().statusAsString());
        return PutBucketVersioningResponse.builder().build();
    }

    public GetBucketVersioningResponse getBucketVersioning(RequestContext ctx, GetBucketVersioningRequest r) {
        return GetBucketVersioningResponse.builder().status(buckets.require(ctx, r.bucket()).versioning()).build();
    }

    public PutBucketNotificationConfigurationResponse putBucketNotificationConfiguration(RequestContext ctx,
                                                                                       PutBucketNotificationConfigurationRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        NotificationConfiguration c = r.notificationConfiguration();
        if (c == null) {
            throw S3Exception.malformedXml();
        }
        List<NotificationRule> rules = new ArrayList<>();
        c.queueConfigurations().forEach(q -> rules.add(rule(q.id(), "queue", q.queueArn(), q.eventsAsStrings(), q.filter())));
        c.topicConfigurations().forEach(t -> rules.add(rule(t.id(), "topic", t.topicArn(), t.eventsAsStrings(), t.filter())));
        c.lambdaFunctionConfigurations().forEach(l -> rules.add(rule(l.id(), "lambda", l.lambdaFunctionArn(), l.eventsAsStrings(),
                l.filter())));
        rules.forEach(NotificationRule::check);
        if (!Boolean.TRUE.equals(r.skipDestinationValidation())) {
            events.validate(ctx, b, rules);
        }
        buckets.putNotifications(ctx, r.bucket(), new BucketService.NotificationConfig(rules, c.eventBridgeConfiguration() != null));
        return PutBucketNotificationConfigurationResponse.builder().build();
    }

    private static NotificationRule rule(String id, String type, String arn, List<String> events, NotificationConfigurationFilter f) {
        String prefix = null;
        String suffix = null;
        if (f != null && f.key() != null) {
            for (FilterRule fr : f.key().filterRules()) {
                String name = fr.nameAsString() == null ? "" : fr.nameAsString().toLowerCase(java.util.Locale.ROOT);
                if (name.equals("prefix")) {
                    prefix = fr.value();
                } else if (name.equals("suffix")) {
                    suffix = fr.value();
                } else {
                    throw S3Exception.invalidArgument("filter rule name must be either prefix or suffix", "FilterRule.Name",
                            fr.nameAsString());
                }
            }
        }
        return new NotificationRule(id == null || id.isEmpty() ? Ids.newVersionId() : id, type, arn, events, prefix, suffix);
    }

    public GetBucketNotificationConfigurationResponse getBucketNotificationConfiguration(RequestContext ctx,
                                                                                       GetBucketNotificationConfigurationRequest r) {
        BucketService.NotificationConfig c = buckets.notifications(buckets.require(ctx, r.bucket()));
        List<QueueConfiguration> queues = new ArrayList<>();
        List<TopicConfiguration> topics = new ArrayList<>();
        List<LambdaFunctionConfiguration> lambdas = new ArrayList<>();
        for (NotificationRule n : c.rules()) {
            NotificationConfigurationFilter filter = filter(n);
            switch (n.type()) {
                case "queue" -> queues.add(QueueConfiguration.builder().id(n.id()).queueArn(n.arn()).eventsWithStrings(n.events())
                        .filter(filter).build());
                case "topic" -> topics.add(TopicConfiguration.builder().id(n.id()).topicArn(n.arn()).eventsWithStrings(n.events())
                        .filter(filter).build());
                default -> lambdas.add(LambdaFunctionConfiguration.builder().id(n.id()).lambdaFunctionArn(n.arn())
                        .eventsWithStrings(n.events()).filter(filter).build());
            }
        }
        return GetBucketNotificationConfigurationResponse.builder().queueConfigurations(queues).topicConfigurations(topics)
                .lambdaFunctionConfigurations(lambdas)
                .eventBridgeConfiguration(c.eventBridge() ? EventBridgeConfiguration.builder().build() : null).build();
    }

    private static NotificationConfigurationFilter filter(NotificationRule n) {
        List<FilterRule> rules = new ArrayList<>();
        if (n.prefix() != null) {
            rules.add(FilterRule.builder().name("Prefix").value(n.prefix()).build());
        }
        if (n.suffix() != null) {
            rules.add(FilterRule.builder().name("Suffix").value(n.suffix()).build());
        }
        return rules.isEmpty() ? null : NotificationConfigurationFilter.builder().key(S3KeyFilter.builder().filterRules(rules).build())
                .build();
    }

    // ---- objects ----

    public PutObjectResponse putObject(RequestContext ctx, PutObjectRequest r) {
        AclService.Requested requested = new AclService.Requested(r.aclAsString(), null,
                AclService.grantHeaders(r.grantFullControl(), r.grantRead(), r.grantReadACP(), null, r.grantWriteACP()));
        AccessControlPolicy acl = requested.isEmpty() ? null : acls.objectWriteAcl(ctx, buckets.require(ctx, r.bucket()), requested);
        return objects.put(ctx, r, stored -> acls.storeObjectAcl(stored.id(), acl));
    }

    public StreamingOutput getObject(RequestContext ctx, GetObjectRequest r) {
        return objects.get(ctx, r);
    }

    /** 202 when the restore starts, 200 when it extends a copy still readable. */
    public RestoreObjectResponse restoreObject(RequestContext ctx, RestoreObjectRequest r) {
        boolean started = objects.restore(ctx, r);
        return (RestoreObjectResponse) RestoreObjectResponse.builder().sdkHttpResponse(
                software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(started ? 202 : 200).build()).build();
    }

    // ---- Object Lock on versions ----

    public PutObjectRetentionResponse putObjectRetention(RequestContext ctx, PutObjectRetentionRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        locks.putRetention(b, objects.tagged(ctx, r.bucket(), r.key(), r.versionId()), r.retention(),
                Boolean.TRUE.equals(r.bypassGovernanceRetention()));
        return PutObjectRetentionResponse.builder().build();
    }

    public GetObjectRetentionResponse getObjectRetention(RequestContext ctx, GetObjectRetentionRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        return GetObjectRetentionResponse.builder().retention(locks.retention(b, objects.tagged(ctx, r.bucket(), r.key(), r.versionId())))
                .build();
    }

    public PutObjectLegalHoldResponse putObjectLegalHold(RequestContext ctx, PutObjectLegalHoldRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        locks.putLegalHold(b, objects.tagged(ctx, r.bucket(), r.key(), r.versionId()), r.legalHold());
        return PutObjectLegalHoldResponse.builder().build();
    }

    public GetObjectLegalHoldResponse getObjectLegalHold(RequestContext ctx, GetObjectLegalHoldRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        return GetObjectLegalHoldResponse.builder().legalHold(locks.legalHold(b, objects.tagged(ctx, r.bucket(), r.key(), r.versionId())))
                .build();
    }

    public GetObjectAttributesResponse getObjectAttributes(RequestContext ctx, GetObjectAttributesRequest r) {
        return objects.attributes(ctx, r);
    }

    public HeadObjectResponse headObject(RequestContext ctx, HeadObjectRequest r) {
        return objects.head(ctx, r);
    }

    public DeleteObjectResponse deleteObject(RequestContext ctx, DeleteObjectRequest r) {
        ObjectService.Deleted d = objects.delete(ctx, buckets.require(ctx, r.bucket(), r.versionId() == null ? "s3:DeleteObject"
                        : "s3:DeleteObjectVersion", r.key()), r.key(), r.versionId(),
                Boolean.TRUE.equals(r.bypassGovernanceRetention()));
        return DeleteObjectResponse.builder().versionId(d.versionId()).deleteMarker(d.deleteMarker() ? Boolean.TRUE : null).build();
    }

    public DeleteObjectsResponse deleteObjects(RequestContext ctx, DeleteObjectsRequest r) {
        return objects.deleteMany(ctx, r);
    }

    public CopyObjectResponse copyObject(RequestContext ctx, CopyObjectRequest r) {
        AclService.Requested requested = new AclService.Requested(r.aclAsString(), null,
                AclService.grantHeaders(r.grantFullControl(), r.grantRead(), r.grantReadACP(), null, r.grantWriteACP()));
        AccessControlPolicy acl = requested.isEmpty() ? null : acls.objectWriteAcl(ctx, buckets.require(ctx, r.destinationBucket()), requested);
        return objects.copy(ctx, r, stored -> acls.storeObjectAcl(stored.id(), acl));
    }

    public PutObjectTaggingResponse putObjectTagging(RequestContext ctx, PutObjectTaggingRequest r) {
        return PutObjectTaggingResponse.builder().versionId(objects.putTags(ctx, r)).build();
    }

    public GetObjectTaggingResponse getObjectTagging(RequestContext ctx, GetObjectTaggingRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        ObjectRecord o = objects.tagged(ctx, r.bucket(), r.key(), r.versionId());
        return GetObjectTaggingResponse.builder().tagSet(tagSet(o.tags())).versionId(ObjectService.versionHeader(b, o)).build();
    }

    public DeleteObjectTaggingResponse deleteObjectTagging(RequestContext ctx, DeleteObjectTaggingRequest r) {
        return DeleteObjectTaggingResponse.builder().versionId(objects.deleteTags(ctx, r)).build();
    }

    public ListObjectsResponse listObjects(RequestContext ctx, ListObjectsRequest r) {
        return listings.listV1(ctx, r);
    }

    public ListObjectsV2Response listObjectsV2(RequestContext ctx, ListObjectsV2Request r) {
        return listings.listV2(ctx, r);
    }

    public ListObjectVersionsResponse listObjectVersions(RequestContext ctx, ListObjectVersionsRequest r) {
        return listings.versions(ctx, r);
    }

    // ---- multipart ----

    public CreateMultipartUploadResponse createMultipartUpload(RequestContext ctx, CreateMultipartUploadRequest r) {
        return multipart.create(ctx, r);
    }

    public UploadPartResponse uploadPart(RequestContext ctx, UploadPartRequest r) {
        return multipart.uploadPart(ctx, r);
    }

    public UploadPartCopyResponse uploadPartCopy(RequestContext ctx, UploadPartCopyRequest r) {
        return multipart.uploadPartCopy(ctx, r);
    }

    public CompleteMultipartUploadResponse completeMultipartUpload(RequestContext ctx, CompleteMultipartUploadRequest r) {
        return multipart.complete(ctx, r);
    }

    public AbortMultipartUploadResponse abortMultipartUpload(RequestContext ctx, AbortMultipartUploadRequest r) {
        multipart.abort(ctx, r);
        return AbortMultipartUploadResponse.builder().build();
    }

    public ListPartsResponse listParts(RequestContext ctx, ListPartsRequest r) {
        return multipart.listParts(ctx, r);
    }

    public ListMultipartUploadsResponse listMultipartUploads(RequestContext ctx, ListMultipartUploadsRequest r) {
        return multipart.listUploads(ctx, r);
    }

    private static List<Tag> tagSet(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
