package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.customlabels.DatasetService;
import io.haneul.rekognition.store.SqlDatasets;
import software.amazon.awssdk.services.rekognition.model.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Custom Labels datasets and their entries (rules in {@link DatasetService}). */
public final class DatasetApi {

    private final DatasetService datasets;

    DatasetApi(DatasetService datasets) {
        this.datasets = datasets;
    }

    public CreateDatasetResponse createDataset(RequestContext ctx, CreateDatasetRequest r) {
        return call(() -> {
            DatasetSource s = r.datasetSource();
            S3Object manifest = s == null || s.groundTruthManifest() == null ? null : s.groundTruthManifest().s3Object();
            DatasetService.Source source = s == null ? null : new DatasetService.Source(manifest == null ? null : manifest.bucket(),
                    manifest == null ? null : manifest.name(), manifest == null ? null : manifest.version(), s.datasetArn());
            return CreateDatasetResponse.builder().datasetArn(datasets.create(ctx.accountId(), ctx.region(), r.projectArn(),
                    r.datasetTypeAsString(), source, r.hasTags() ? r.tags() : null)).build();
        });
    }

    public DescribeDatasetResponse describeDataset(RequestContext ctx, DescribeDatasetRequest r) {
        return call(() -> {
            DatasetService.Dataset d = datasets.describe(ctx.accountId(), ctx.region(), r.datasetArn());
            SqlDatasets.Stats stats = d.stats();
            return DescribeDatasetResponse.builder().datasetDescription(DatasetDescription.builder()
                    .creationTimestamp(Instant.ofEpochMilli(d.row().createdMs())).lastUpdatedTimestamp(Instant.ofEpochMilli(d.row().updatedMs()))
                    .status(d.row().status()).statusMessageCode(DatasetStatusMessageCode.SUCCESS)
                    .datasetStats(DatasetStats.builder().totalEntries(stats.entries()).labeledEntries(stats.labeled())
                            .totalLabels(stats.labels()).errorEntries(0).build()).build()).build();
        });
    }

    public DeleteDatasetResponse deleteDataset(RequestContext ctx, DeleteDatasetRequest r) {
        return call(() -> {
            datasets.delete(ctx.accountId(), ctx.region(), r.datasetArn());
            return DeleteDatasetResponse.builder().build();
        });
    }

    public UpdateDatasetEntriesResponse updateDatasetEntries(RequestContext ctx, UpdateDatasetEntriesRequest r) {
        return call(() -> {
            datasets.update(ctx.accountId(), ctx.region(), r.datasetArn(), r.changes().groundTruth().asString(StandardCharsets.UTF_8));
            return UpdateDatasetEntriesResponse.builder().build();
        });
    }

    public ListDatasetEntriesResponse listDatasetEntries(RequestContext ctx, ListDatasetEntriesRequest r) {
        return call(() -> {
            if (Boolean.TRUE.equals(r.hasErrors())) {
                // no entry has errors: entries are checked as they are added
                datasets.describe(ctx.accountId(), ctx.region(), r.datasetArn());
                return ListDatasetEntriesResponse.builder().datasetEntries(java.util.List.of()).build();
            }
            Page<String> page = datasets.entries(ctx.accountId(), ctx.region(), r.datasetArn(),
                    new SqlDatasets.Filter(r.hasContainsLabels() ? r.containsLabels() : null, r.labeled(), r.sourceRefContains()),
                    r.nextToken(), r.maxResults());
            return ListDatasetEntriesResponse.builder().datasetEntries(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public ListDatasetLabelsResponse listDatasetLabels(RequestContext ctx, ListDatasetLabelsRequest r) {
        return call(() -> {
            Page<SqlDatasets.LabelStats> page = datasets.labels(ctx.accountId(), ctx.region(), r.datasetArn(), r.nextToken(), r.maxResults());
            return ListDatasetLabelsResponse.builder().datasetLabelDescriptions(page.items().stream().map(l -> DatasetLabelDescription.builder()
                    .labelName(l.label()).labelStats(DatasetLabelStats.builder().entryCount(l.entries()).boundingBoxCount(l.boxes()).build())
                    .build()).toList()).nextToken(page.nextToken()).build();
        });
    }

    public DistributeDatasetEntriesResponse distributeDatasetEntries(RequestContext ctx, DistributeDatasetEntriesRequest r) {
        return call(() -> {
            datasets.distribute(ctx.accountId(), ctx.region(), r.datasets().stream().map(DistributeDataset::arn).toList());
            return DistributeDatasetEntriesResponse.builder().build();
        });
    }
}
