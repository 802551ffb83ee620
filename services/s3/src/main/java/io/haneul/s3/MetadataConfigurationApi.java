package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import software.amazon.awssdk.services.s3.model.*;

/**
 * S3 Metadata configurations of a bucket, V2 ({@code ?metadataConfiguration}: journal and inventory
 * tables) and V1 ({@code ?metadataTable}), kept and returned with the table names AWS gives them. Haneul
 * has no S3 Tables, so no table is created or written: the configuration is stored so that tools that
 * manage it (CloudFormation, Terraform) round-trip, and a table reads as {@code ACTIVE} once configured.
 * The annotation table, which the SDK's classes lack, is {@link MetadataAnnotationTableApi}'s.
 */
public final class MetadataConfigurationApi {

    private static final String ACTIVE = "ACTIVE";

    private final BucketConfigurations configs;

    MetadataConfigurationApi(BucketConfigurations configs) {
        this.configs = configs;
    }

    // ---- V2 ----

    public CreateBucketMetadataConfigurationResponse createBucketMetadataConfiguration(RequestContext ctx,
                                                                                       CreateBucketMetadataConfigurationRequest r) {
        MetadataConfiguration c = r.metadataConfiguration();
        if (c == null || c.journalTableConfiguration() == null || c.journalTableConfiguration().recordExpiration() == null) {
            throw S3Exception.malformedXml();
        }
        checkExpiration(c.journalTableConfiguration().recordExpiration());
        refuseExisting(ctx, r.bucket());
        configs.put(ctx, r.bucket(), Kind.METADATA, c);
        return CreateBucketMetadataConfigurationResponse.builder().build();
    }

    /** The V2 configuration, or a V1 one as V2 shows it (a journal table in the customer's table bucket). */
    public io.haneul.core.engine.ExtendedResponse getBucketMetadataConfiguration(RequestContext ctx,
                                                                                 GetBucketMetadataConfigurationRequest r) {
        BucketRecord b = configs.bucket(ctx, r.bucket());
        MetadataConfigurationResult result = configs.getStored(r.bucket(), Kind.METADATA_TABLE, MetadataTableConfiguration.class)
                .map(v1 -> MetadataConfigurationResult.builder()
                        .destinationResult(d -> d.tableBucketArn(v1.s3TablesDestination().tableBucketArn())
                                .tableBucketType(S3TablesBucketType.CUSTOMER).tableNamespace("aws_s3_metadata"))
                        .journalTableConfigurationResult(j -> j.tableName(v1.s3TablesDestination().tableName()).tableStatus(ACTIVE)
                                .recordExpiration(e -> e.expiration(ExpirationState.DISABLED)))
                        .build())
                .orElseGet(() -> v2Result(b, configs.get(ctx, r.bucket(), Kind.METADATA, MetadataConfiguration.class).orElseThrow()));
        return new io.haneul.core.engine.ExtendedResponse(GetBucketMetadataConfigurationResponse.builder()
                .getBucketMetadataConfigurationResult(g -> g.metadataConfigurationResult(result)).build(),
                MetadataAnnotationTableApi.result(configs, r.bucket()));
    }

    public DeleteBucketMetadataConfigurationResponse deleteBucketMetadataConfiguration(RequestContext ctx,
                                                                                       DeleteBucketMetadataConfigurationRequest r) {
        requireAny(ctx, r.bucket());
        configs.delete(ctx, r.bucket(), Kind.METADATA);
        configs.delete(ctx, r.bucket(), Kind.METADATA_TABLE);
        configs.delete(ctx, r.bucket(), Kind.METADATA_ANNOTATION);
        return DeleteBucketMetadataConfigurationResponse.builder().build();
    }

    public UpdateBucketMetadataInventoryTableConfigurationResponse updateBucketMetadataInventoryTableConfiguration(
            RequestContext ctx, UpdateBucketMetadataInventoryTableConfigurationRequest r) {
        InventoryTableConfigurationUpdates u = r.inventoryTableConfiguration();
        if (u == null || u.configurationState() == null) {
            throw S3Exception.malformedXml();
        }
        MetadataConfiguration c = configs.get(ctx, r.bucket(), Kind.METADATA, MetadataConfiguration.class).orElseThrow();
        configs.put(ctx, r.bucket(), Kind.METADATA, c.toBuilder().inventoryTableConfiguration(i -> i
                .configurationState(u.configurationStateAsString()).encryptionConfiguration(u.encryptionConfiguration())).build());
        return UpdateBucketMetadataInventoryTableConfigurationResponse.builder().build();
    }

    public UpdateBucketMetadataJournalTableConfigurationResponse updateBucketMetadataJournalTableConfiguration(
            RequestContext ctx, UpdateBucketMetadataJournalTableConfigurationRequest r) {
        JournalTableConfigurationUpdates u = r.journalTableConfiguration();
        if (u == null || u.recordExpiration() == null) {
            throw S3Exception.malformedXml();
        }
        checkExpiration(u.recordExpiration());
        MetadataConfiguration c = configs.get(ctx, r.bucket(), Kind.METADATA, MetadataConfiguration.class).orElseThrow();
        configs.put(ctx, r.bucket(), Kind.METADATA, c.toBuilder().journalTableConfiguration(c.journalTableConfiguration().toBuilder()
                .recordExpiration(u.recordExpiration()).build()).build());
        return UpdateBucketMetadataJournalTableConfigurationResponse.builder().build();
    }

    // ---- V1 ----

    public CreateBucketMetadataTableConfigurationResponse createBucketMetadataTableConfiguration(
            RequestContext ctx, CreateBucketMetadataTableConfigurationRequest r) {
        MetadataTableConfiguration c = r.metadataTableConfiguration();
        if (c == null || c.s3TablesDestination() == null || c.s3TablesDestination().tableBucketArn() == null
                || c.s3TablesDestination().tableName() == null) {
            throw S3Exception.malformedXml();
        }
        refuseExisting(ctx, r.bucket());
        configs.put(ctx, r.bucket(), Kind.METADATA_TABLE, c);
        return CreateBucketMetadataTableConfigurationResponse.builder().build();
    }

    /** The V1 configuration; a V2 one is not readable here (405, as AWS answers). */
    public GetBucketMetadataTableConfigurationResponse getBucketMetadataTableConfiguration(
            RequestContext ctx, GetBucketMetadataTableConfigurationRequest r) {
        configs.bucket(ctx, r.bucket());
        if (configs.getStored(r.bucket(), Kind.METADATA, MetadataConfiguration.class).isPresent()) {
            throw new S3Exception(S3Error.MethodNotAllowed, null, S3Exception.ordered("Method", "GET", "ResourceType", "METADATA_TABLE"));
        }
        S3TablesDestination d = configs.get(ctx, r.bucket(), Kind.METADATA_TABLE, MetadataTableConfiguration.class).orElseThrow()
                .s3TablesDestination();
        String tableBucket = d.tableBucketArn();
        return GetBucketMetadataTableConfigurationResponse.builder().getBucketMetadataTableConfigurationResult(g -> g.status(ACTIVE)
                .metadataTableConfigurationResult(m -> m.s3TablesDestinationResult(s -> s.tableBucketArn(tableBucket)
                        .tableName(d.tableName()).tableNamespace("aws_s3_metadata")
                        .tableArn(tableBucket + "/table/" + d.tableName())))).build();
    }

    public DeleteBucketMetadataTableConfigurationResponse deleteBucketMetadataTableConfiguration(
            RequestContext ctx, DeleteBucketMetadataTableConfigurationRequest r) {
        configs.get(ctx, r.bucket(), Kind.METADATA_TABLE, MetadataTableConfiguration.class);
        configs.delete(ctx, r.bucket(), Kind.METADATA_TABLE);
        return DeleteBucketMetadataTableConfigurationResponse.builder().build();
    }

    // ---- rules ----

    /** AWS's V2 result: an AWS-managed table bucket, namespace {@code b_<bucket>}, tables {@code journal} and {@code inventory}. */
    private static MetadataConfigurationResult v2Result(BucketRecord b, MetadataConfiguration c) {
        MetadataConfigurationResult.Builder out = MetadataConfigurationResult.builder()
                .destinationResult(d -> d.tableBucketArn("arn:aws:s3tables:" + b.region() + ":" + b.account() + ":bucket/aws-s3")
                        .tableBucketType(S3TablesBucketType.AWS).tableNamespace("b_" + b.name()))
                .journalTableConfigurationResult(j -> j.tableName("journal").tableStatus(ACTIVE)
                        .recordExpiration(c.journalTableConfiguration().recordExpiration()));
        InventoryTableConfiguration inventory = c.inventoryTableConfiguration();
        if (inventory != null) {
            boolean on = inventory.configurationState() == InventoryConfigurationState.ENABLED;
            out.inventoryTableConfigurationResult(i -> i.configurationState(inventory.configurationStateAsString())
                    .tableName(on ? "inventory" : null).tableStatus(on ? ACTIVE : null));
        }
        return out.build();
    }

    /** Record expiration: ENABLED with 7 days or more, DISABLED without days. */
    private static void checkExpiration(RecordExpiration e) {
        if (e.expiration() == null || e.expiration() == ExpirationState.UNKNOWN_TO_SDK_VERSION) {
            throw S3Exception.malformedXml();
        }
        if (e.expiration() == ExpirationState.ENABLED && (e.days() == null || e.days() < 7)) {
            throw S3Exception.invalidArgument("Journal table record expiration days must be at least 7", "Days",
                    String.valueOf(e.days()));
        }
    }

    /** A bucket has one metadata configuration, V1 or V2: a second is refused until the first is deleted. */
    private void refuseExisting(RequestContext ctx, String bucket) {
        configs.bucket(ctx, bucket);
        if (configs.has(bucket, Kind.METADATA) || configs.has(bucket, Kind.METADATA_TABLE)) {
            throw S3Exception.withBucket(S3Error.MetadataConfigurationAlreadyExists, bucket);
        }
    }

    private void requireAny(RequestContext ctx, String bucket) {
        configs.bucket(ctx, bucket);
        if (!configs.has(bucket, Kind.METADATA) && !configs.has(bucket, Kind.METADATA_TABLE)) {
            throw S3Exception.withBucket(S3Error.MetadataConfigurationNotFound, bucket);
        }
    }
}
