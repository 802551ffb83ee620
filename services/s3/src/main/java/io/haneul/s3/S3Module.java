package io.haneul.s3;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.s3.store.BlobStore;
import io.haneul.s3.store.BlobStores;
import io.haneul.s3.store.S3Store;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.util.List;

/**
 * Registers S3 with the server and wires its parts. Blobs live under {@code --s3-blob-dir}, by
 * default {@code <data-dir>/s3}, or in an external S3-compatible store named by {@code --s3-blob-url}
 * ({@link BlobStores}); with PostgreSQL shared by several nodes the blobs must be where every node
 * reaches them (a directory all mount, or the external store), since a row written by one node names
 * a blob another reads.
 */
public final class S3Module implements ServiceModule {

    @Override
    public String id() {
        return "s3";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("s3-2006-03-01");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        try {
            BlobStoreCheck.atStart(env); // the cluster recorded another blob store since this node started
        } catch (IllegalStateException e) {
            org.slf4j.LoggerFactory.getLogger(S3Module.class).error(e.getMessage());
            throw new io.haneul.core.error.AwsErrorException("InternalError", "We encountered an internal error. Please try again.", 500);
        }
        S3Store store = new S3Store(db);
        BlobStore blobs = new ClusterCheckedBlobStore(BlobStores.fromSettings(env), () -> BlobStoreCheck.recordOrRefuse(env));
        BucketPolicies policies = new BucketPolicies(env.clock());
        BucketService buckets = new BucketService(store, blobs, env.clock(), policies);
        EventNotifier events = new EventNotifier(env.find(DurableScheduler.class).orElse(null), env, env.clock(), buckets);
        BucketConfigurations configs = new BucketConfigurations(store, buckets);
        ObjectLocks locks = new ObjectLocks(store, configs, env.clock());
        Encryption encryption = new Encryption(configs);
        ObjectService objects = new ObjectService(store, blobs, buckets, events, locks, encryption, env.clock());
        MultipartService multipart = new MultipartService(store, blobs, buckets, objects, events, encryption, env.clock());
        AclService acls = new AclService(store, buckets, configs);
        ExpressSessions sessions = new ExpressSessions(new io.haneul.core.auth.TemporaryCredentials(new java.security.SecureRandom()),
                env.find(io.haneul.core.auth.SessionCredentials.class), env.clock());
        BrowserUploads uploads = new BrowserUploads(buckets, objects, acls,
                env.find(io.haneul.core.auth.FormSignatures.class).orElseGet(() -> new io.haneul.core.auth.FormSignatures(null)), sessions,
                env.clock());
        LifecycleSweeper lifecycle = new LifecycleSweeper(store, blobs, buckets, configs, objects, env.clock());
        lifecycle.runEvery(java.time.Duration.ofSeconds(Long.parseLong(env.setting("s3-lifecycle-interval", "3600"))));
        return new S3Provider(buckets, configs, acls, uploads, lifecycle, locks, objects, multipart, new ListingService(store, buckets),
                events, policies, sessions);
    }

    /** A node whose blob store differs from the one its cluster recorded does not start. */
    @Override
    public void checkAtStart(ServiceEnvironment env) {
        BlobStoreCheck.atStart(env);
    }

    /** Reads that found an object's bytes missing from the blob store. */
    @Override
    public java.util.Map<String, Long> counters(Object provider) {
        return provider instanceof S3Provider s3 ? java.util.Map.of("haneul_s3_missing_blobs_total", s3.missingBlobs())
                : java.util.Map.of();
    }

    /** {@link io.haneul.core.spi.ObjectStorage}: object writes for other services (SES receipt rules' S3 action). */
    @Override
    public java.util.Optional<Object> export(Class<?> type, Object provider) {
        if (type == io.haneul.core.spi.ObjectStorage.class && provider instanceof S3Provider s3) {
            return java.util.Optional.of(s3.storage());
        }
        return java.util.Optional.empty();
    }

    /** Virtual-hosted buckets, unsigned requests on Haneul's own host, streamed bodies, browser forms. */
    @Override
    public java.util.Map<String, io.haneul.core.dataplane.ApiAddressing> apiAddressing() {
        return java.util.Map.of("s3", new S3Addressing());
    }

    /** The static-website endpoints. */
    @Override
    public List<io.haneul.core.dataplane.DataPlane> dataPlanes() {
        return List.of(new WebsitePlane());
    }

    /**
     * {@code POST /_haneul/s3/lifecycle}: runs a lifecycle sweep now and answers what it did. The sweep
     * covers every bucket of every account, so in strict mode only admin keys may trigger it.
     */
    @Override
    public java.util.Map<String, InternalRoute> internalRoutes() {
        return java.util.Map.of("POST /_haneul/s3/lifecycle", InternalRoute.adminOnly((provider, call) -> {
            LifecycleSweeper.Result r = ((S3Provider) provider).lifecycle().sweep();
            String json = "{\"expired\":" + r.expired() + ",\"noncurrentExpired\":" + r.noncurrentExpired()
                    + ",\"deleteMarkersRemoved\":" + r.deleteMarkersRemoved() + ",\"uploadsAborted\":" + r.uploadsAborted() + "}";
            return io.haneul.core.wire.WireResponse.of(200, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }));
    }

    /** S3 starts with the server so that event notifications left in the scheduler resume after a restart. */
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return S3Provider.class;
    }

    /**
     * S3's empty lists, decided member by member: most of its lists are flattened (ListObjects' Contents,
     * DeleteObjects' Errors) and have nothing to write when empty; of the wrapped ones AWS writes an empty
     * element for the bucket list ({@code <Buckets/>}, boto3's {@code Buckets: []}), object and bucket tag
     * sets and ACL grant lists, and leaves the others out (website routing rules, inventory optional fields,
     * logging target grants). Pinned by {@code S3ParityIT}.
     */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("ListBucketsResponse.Buckets", "ListDirectoryBucketsResponse.Buckets",
                "GetObjectTaggingResponse.TagSet", "GetBucketTaggingResponse.TagSet", "GetBucketAclResponse.Grants",
                "GetObjectAclResponse.Grants");
    }
}
