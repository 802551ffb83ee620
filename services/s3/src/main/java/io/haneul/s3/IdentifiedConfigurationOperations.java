package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.s3.BucketConfigurations.Family;
import io.haneul.s3.BucketConfigurations.Page;
import software.amazon.awssdk.services.s3.model.*;

/**
 * S3's operations on the bucket documents kept by id (analytics, metrics, inventory and
 * Intelligent-Tiering configurations): put, get, delete and list 100 at a time, as infrastructure
 * tools manage them. Stored and returned, not acted on (no reports or exports are produced). Inherited
 * by {@link S3Provider} through {@link BucketConfigurationOperations}, to keep files small.
 */
abstract class IdentifiedConfigurationOperations {

    final BucketConfigurations configs;

    IdentifiedConfigurationOperations(BucketConfigurations configs) {
        this.configs = configs;
    }

    // ---- analytics ----

    public PutBucketAnalyticsConfigurationResponse putBucketAnalyticsConfiguration(RequestContext ctx, PutBucketAnalyticsConfigurationRequest r) {
        AnalyticsConfiguration c = r.analyticsConfiguration();
        configs.putById(ctx, r.bucket(), Family.ANALYTICS, r.id(), c, c == null ? null : c.id());
        return PutBucketAnalyticsConfigurationResponse.builder().build();
    }

    public GetBucketAnalyticsConfigurationResponse getBucketAnalyticsConfiguration(RequestContext ctx, GetBucketAnalyticsConfigurationRequest r) {
        return GetBucketAnalyticsConfigurationResponse.builder()
                .analyticsConfiguration(configs.getById(ctx, r.bucket(), Family.ANALYTICS, r.id(), AnalyticsConfiguration.class)).build();
    }

    public DeleteBucketAnalyticsConfigurationResponse deleteBucketAnalyticsConfiguration(RequestContext ctx,
                                                                                         DeleteBucketAnalyticsConfigurationRequest r) {
        configs.deleteById(ctx, r.bucket(), Family.ANALYTICS, r.id());
        return DeleteBucketAnalyticsConfigurationResponse.builder().build();
    }

    public ListBucketAnalyticsConfigurationsResponse listBucketAnalyticsConfigurations(RequestContext ctx,
                                                                                       ListBucketAnalyticsConfigurationsRequest r) {
        Page<AnalyticsConfiguration> p = configs.list(ctx, r.bucket(), Family.ANALYTICS, r.continuationToken(), AnalyticsConfiguration.class);
        return ListBucketAnalyticsConfigurationsResponse.builder().analyticsConfigurationList(p.items()).isTruncated(p.next() != null)
                .continuationToken(r.continuationToken()).nextContinuationToken(p.next()).build();
    }

    // ---- metrics ----

    public PutBucketMetricsConfigurationResponse putBucketMetricsConfiguration(RequestContext ctx, PutBucketMetricsConfigurationRequest r) {
        MetricsConfiguration c = r.metricsConfiguration();
        configs.putById(ctx, r.bucket(), Family.METRICS, r.id(), c, c == null ? null : c.id());
        return PutBucketMetricsConfigurationResponse.builder().build();
    }

    public GetBucketMetricsConfigurationResponse getBucketMetricsConfiguration(RequestContext ctx, GetBucketMetricsConfigurationRequest r) {
        return GetBucketMetricsConfigurationResponse.builder()
                .metricsConfiguration(configs.getById(ctx, r.bucket(), Family.METRICS, r.id(), MetricsConfiguration.class)).build();
    }

    public DeleteBucketMetricsConfigurationResponse deleteBucketMetricsConfiguration(RequestContext ctx,
                                                                                     DeleteBucketMetricsConfigurationRequest r) {
        configs.deleteById(ctx, r.bucket(), Family.METRICS, r.id());
        return DeleteBucketMetricsConfigurationResponse.builder().build();
    }

    public ListBucketMetricsConfigurationsResponse listBucketMetricsConfigurations(RequestContext ctx, ListBucketMetricsConfigurationsRequest r) {
        Page<MetricsConfiguration> p = configs.list(ctx, r.bucket(), Family.METRICS, r.continuationToken(), MetricsConfiguration.class);
        return ListBucketMetricsConfigurationsResponse.builder().metricsConfigurationList(p.items()).isTruncated(p.next() != null)
                .continuationToken(r.continuationToken()).nextContinuationToken(p.next()).build();
    }

    // ---- inventory ----

    public PutBucketInventoryConfigurationResponse putBucketInventoryConfiguration(RequestContext ctx, PutBucketInventoryConfigurationRequest r) {
        InventoryConfiguration c = r.inventoryConfiguration();
        BucketConfigChecks.inventory(c);
        configs.putById(ctx, r.bucket(), Family.INVENTORY, r.id(), c, c == null ? null : c.id());
        return PutBucketInventoryConfigurationResponse.builder().build();
    }

    public GetBucketInventoryConfigurationResponse getBucketInventoryConfiguration(RequestContext ctx, GetBucketInventoryConfigurationRequest r) {
        return GetBucketInventoryConfigurationResponse.builder()
                .inventoryConfiguration(configs.getById(ctx, r.bucket(), Family.INVENTORY, r.id(), InventoryConfiguration.class)).build();
    }

    public DeleteBucketInventoryConfigurationResponse deleteBucketInventoryConfiguration(RequestContext ctx,
                                                                                         DeleteBucketInventoryConfigurationRequest r) {
        configs.deleteById(ctx, r.bucket(), Family.INVENTORY, r.id());
        return DeleteBucketInventoryConfigurationResponse.builder().build();
    }

    public ListBucketInventoryConfigurationsResponse listBucketInventoryConfigurations(RequestContext ctx,
                                                                                       ListBucketInventoryConfigurationsRequest r) {
        Page<InventoryConfiguration> p = configs.list(ctx, r.bucket(), Family.INVENTORY, r.continuationToken(), InventoryConfiguration.class);
        return ListBucketInventoryConfigurationsResponse.builder().inventoryConfigurationList(p.items()).isTruncated(p.next() != null)
                .continuationToken(r.continuationToken()).nextContinuationToken(p.next()).build();
    }

    // ---- Intelligent-Tiering ----

    public PutBucketIntelligentTieringConfigurationResponse putBucketIntelligentTieringConfiguration(
            RequestContext ctx, PutBucketIntelligentTieringConfigurationRequest r) {
        IntelligentTieringConfiguration c = r.intelligentTieringConfiguration();
        configs.putById(ctx, r.bucket(), Family.INTELLIGENT_TIERING, r.id(), c, c == null ? null : c.id());
        return PutBucketIntelligentTieringConfigurationResponse.builder().build();
    }

    public GetBucketIntelligentTieringConfigurationResponse getBucketIntelligentTieringConfiguration(
            RequestContext ctx, GetBucketIntelligentTieringConfigurationRequest r) {
        return GetBucketIntelligentTieringConfigurationResponse.builder().intelligentTieringConfiguration(configs.getById(ctx, r.bucket(),
                Family.INTELLIGENT_TIERING, r.id(), IntelligentTieringConfiguration.class)).build();
    }

    public DeleteBucketIntelligentTieringConfigurationResponse deleteBucketIntelligentTieringConfiguration(
            RequestContext ctx, DeleteBucketIntelligentTieringConfigurationRequest r) {
        configs.deleteById(ctx, r.bucket(), Family.INTELLIGENT_TIERING, r.id());
        return DeleteBucketIntelligentTieringConfigurationResponse.builder().build();
    }

    public ListBucketIntelligentTieringConfigurationsResponse listBucketIntelligentTieringConfigurations(
            RequestContext ctx, ListBucketIntelligentTieringConfigurationsRequest r) {
        Page<IntelligentTieringConfiguration> p = configs.list(ctx, r.bucket(), Family.INTELLIGENT_TIERING, r.continuationToken(),
                IntelligentTieringConfiguration.class);
        return ListBucketIntelligentTieringConfigurationsResponse.builder().intelligentTieringConfigurationList(p.items())
                .isTruncated(p.next() != null).continuationToken(r.continuationToken()).nextContinuationToken(p.next()).build();
    }
}
