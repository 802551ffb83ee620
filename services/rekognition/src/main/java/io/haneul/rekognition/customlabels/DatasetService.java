package io.haneul.rekognition.customlabels;

import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.domain.ResourceArn;
import io.haneul.rekognition.store.SqlDatasets;
import io.haneul.rekognition.store.SqlProjects;
import io.haneul.rekognition.store.SqlResourceTags;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The TRAIN and TEST datasets of Custom Labels projects and their entries (Ground Truth manifest lines,
 * read by {@link GroundTruthLines}). Every change completes at once: a dataset is CREATE_COMPLETE after
 * CreateDataset and UPDATE_COMPLETE after UpdateDatasetEntries or DistributeDatasetEntries. Entries are
 * checked as JSON with a source-ref (a line without is InvalidParameterException), not against the
 * images they name, so no entry has errors.
 */
public final class DatasetService {

    public static final String CREATE_COMPLETE = "CREATE_COMPLETE";
    public static final String UPDATE_COMPLETE = "UPDATE_COMPLETE";

    /** Reads the entries of a manifest object in Haneul's S3 (InvalidS3ObjectException when it cannot). */
    @FunctionalInterface
    public interface Manifests {
        List<SqlDatasets.Entry> entries(String account, String bucket, String key, String version);
    }

    /** Where CreateDataset takes its entries from: a manifest in S3, another dataset, or nothing (an empty dataset). */
    public record Source(String bucket, String key, String version, String datasetArn) {
    }

    /** A dataset with its counts. */
    public record Dataset(SqlDatasets.DatasetRow row, SqlDatasets.Stats stats) {
    }

    private final SqlProjects projects;
    private final SqlDatasets store;
    private final SqlResourceTags tags;
    private final GroundTruthLines lines;
    private final Manifests manifests;
    private final Clock clock;

    public DatasetService(SqlProjects projects, SqlDatasets store, SqlResourceTags tags, GroundTruthLines lines, Manifests manifests,
                          Clock clock) {
        this.lines = lines;
        this.projects = projects;
        this.store = store;
        this.tags = tags;
        this.manifests = manifests;
        this.clock = clock;
    }

    /** @param type TRAIN or TEST */
    public String create(String account, String region, String projectArn, String type, Source source, Map<String, String> tagMap) {
        ResourceArn project = ResourceArn.parse(account, region, projectArn, ResourceArn.Kind.PROJECT);
        if (source != null && source.bucket() != null && source.datasetArn() != null) {
            throw RekognitionException.invalidParameter("DatasetSource takes either a GroundTruthManifest or a DatasetArn");
        }
        List<SqlDatasets.Entry> fromManifest = source != null && source.bucket() != null
                ? manifests.entries(account, source.bucket(), source.key(), source.version()) : List.of();
        ResourceArn copied = source != null && source.datasetArn() != null
                ? ResourceArn.parse(account, region, source.datasetArn(), ResourceArn.Kind.DATASET) : null;
        long now = clock.millis();
        String arn = ResourceArn.dataset(account, region, project.name(), type, now);
        store.database().write(c -> {
            SqlProjects.ProjectRow p = projects.find(c, account, region, project.name(), project.createdMs())
                    .orElseThrow(() -> ResourceArn.missing(projectArn));
            if (!p.feature().equals(ProjectService.CUSTOM_LABELS)) {
                throw RekognitionException.invalidParameter("Only CUSTOM_LABELS projects have datasets");
            }
            List<SqlDatasets.Entry> entries = copied == null ? fromManifest
                    : store.entries(c, account, region, dataset(c, account, region, copied).project(), copied.version());
            if (!store.create(c, account, region, new SqlDatasets.DatasetRow(project.name(), type, CREATE_COMPLETE, now, now))) {
                throw new RekognitionException("ResourceAlreadyExistsException", "The project already has a " + type + " dataset");
            }
            store.put(c, account, region, project.name(), type, entries);
            if (tagMap != null && !tagMap.isEmpty()) {
                tags.put(c, account, region, arn, tagMap);
            }
            return null;
        });
        return arn;
    }

    public Dataset describe(String account, String region, String datasetArn) {
        ResourceArn arn = ResourceArn.parse(account, region, datasetArn, ResourceArn.Kind.DATASET);
        return store.database().read(c -> new Dataset(dataset(c, account, region, arn),
                store.stats(c, account, region, arn.name(), arn.version())));
    }

    public void delete(String account, String region, String datasetArn) {
        ResourceArn arn = ResourceArn.parse(account, region, datasetArn, ResourceArn.Kind.DATASET);
        store.database().write(c -> {
            dataset(c, account, region, arn);
            store.delete(c, account, region, arn.name(), arn.version());
            tags.removeAll(c, account, region, arn.arn());
            return null;
        });
    }

    /** Adds the manifest's lines to the dataset, replacing entries with the same source-ref. */
    public void update(String account, String region, String datasetArn, String manifest) {
        ResourceArn arn = ResourceArn.parse(account, region, datasetArn, ResourceArn.Kind.DATASET);
        List<SqlDatasets.Entry> entries = lines.read(manifest);
        store.database().write(c -> {
            dataset(c, account, region, arn);
            store.put(c, account, region, arn.name(), arn.version(), entries);
            store.touch(c, account, region, arn.name(), arn.version(), UPDATE_COMPLETE, clock.millis());
            return null;
        });
    }

    /** The entry lines that pass the filter, in source-ref order. */
    public Page<String> entries(String account, String region, String datasetArn, SqlDatasets.Filter filter, String token, Integer maxResults) {
        ResourceArn arn = ResourceArn.parse(account, region, datasetArn, ResourceArn.Kind.DATASET);
        int max = maxResults == null ? 100 : maxResults;
        List<String[]> rows = store.database().read(c -> {
            dataset(c, account, region, arn);
            return store.lines(c, account, region, arn.name(), arn.version(), filter, Page.after(token), max + 1);
        });
        boolean more = rows.size() > max;
        List<String[]> page = rows.subList(0, Math.min(max, rows.size()));
        return new Page<>(page.stream().map(r -> r[1]).toList(), more ? Page.token(page.getLast()[0]) : null);
    }

    /** The dataset's labels in name order, each with its entry and bounding-box counts. */
    public Page<SqlDatasets.LabelStats> labels(String account, String region, String datasetArn, String token, Integer maxResults) {
        ResourceArn arn = ResourceArn.parse(account, region, datasetArn, ResourceArn.Kind.DATASET);
        int max = maxResults == null ? 100 : maxResults;
        List<SqlDatasets.LabelStats> rows = store.database().read(c -> {
            dataset(c, account, region, arn);
            return store.labels(c, account, region, arn.name(), arn.version(), Page.after(token), max + 1);
        });
        boolean more = rows.size() > max;
        List<SqlDatasets.LabelStats> page = rows.subList(0, Math.min(max, rows.size()));
        return new Page<>(page, more ? Page.token(page.getLast().label()) : null);
    }

    /**
     * DistributeDatasetEntries: the TRAIN and TEST datasets of one project, the test dataset empty and the
     * training dataset with at least two entries; every fifth training entry in source-ref order (at least
     * one) moves to the test dataset, the 80/20 split AWS makes (AWS picks them at random).
     */
    public void distribute(String account, String region, List<String> datasetArns) {
        List<ResourceArn> arns = datasetArns.stream().map(a -> ResourceArn.parse(account, region, a, ResourceArn.Kind.DATASET)).toList();
        ResourceArn train = arns.stream().filter(a -> a.version().equals("TRAIN")).findFirst().orElse(null);
        ResourceArn test = arns.stream().filter(a -> a.version().equals("TEST")).findFirst().orElse(null);
        if (train == null || test == null || !train.name().equals(test.name())) {
            throw RekognitionException.invalidParameter("Datasets must be the TRAIN and TEST datasets of one project");
        }
        store.database().write(c -> {
            dataset(c, account, region, train);
            dataset(c, account, region, test);
            if (store.stats(c, account, region, test.name(), "TEST").entries() > 0) {
                throw RekognitionException.invalidParameter("The test dataset must be empty");
            }
            List<SqlDatasets.Entry> entries = store.entries(c, account, region, train.name(), "TRAIN");
            if (entries.size() < 2) {
                throw RekognitionException.invalidParameter("The training dataset must have at least 2 entries");
            }
            List<SqlDatasets.Entry> moved = new ArrayList<>();
            for (int i = 4; i < entries.size(); i += 5) {
                moved.add(entries.get(i));
            }
            if (moved.isEmpty()) {
                moved.add(entries.getLast());
            }
            for (SqlDatasets.Entry e : moved) {
                store.remove(c, account, region, train.name(), "TRAIN", e.sourceRef());
            }
            store.put(c, account, region, test.name(), "TEST", moved);
            long now = clock.millis();
            store.touch(c, account, region, train.name(), "TRAIN", UPDATE_COMPLETE, now);
            store.touch(c, account, region, test.name(), "TEST", UPDATE_COMPLETE, now);
            return null;
        });
    }

    /** The dataset an ARN names (ResourceNotFoundException when there is none, or it was made again since). */
    private SqlDatasets.DatasetRow dataset(Connection c, String account, String region, ResourceArn arn) throws SQLException {
        return store.find(c, account, region, arn.name(), arn.version()).filter(d -> d.createdMs() == arn.createdMs())
                .orElseThrow(() -> ResourceArn.missing(arn.arn()));
    }
}
