package io.haneul.rekognition.customlabels;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.domain.ResourceArn;
import io.haneul.rekognition.store.SqlDatasets;
import io.haneul.rekognition.store.SqlProjects;
import io.haneul.rekognition.store.SqlResourceTags;
import software.amazon.awssdk.services.rekognition.model.CreateProjectRequest;
import software.amazon.awssdk.services.rekognition.model.CreateProjectVersionRequest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Custom Labels projects (and Custom Moderation projects, whose versions are adapters) with their
 * versions. Haneul trains no model: a new version is answered TRAINING_FAILED with a StatusMessage
 * that says so, never TRAINING_COMPLETED, so that nothing claims a model that would answer
 * DetectCustomLabels. A project with versions cannot be deleted (ResourceInUseException); its datasets
 * go with it.
 */
public final class ProjectService {

    public static final String CUSTOM_LABELS = "CUSTOM_LABELS";
    public static final String CONTENT_MODERATION = "CONTENT_MODERATION";
    public static final String TRAINING_FAILED = "TRAINING_FAILED";
    public static final String NOT_TRAINED = "Haneul trains no Custom Labels models or adapters: this version has no model";

    /** A project with its datasets. */
    public record Project(String arn, SqlProjects.ProjectRow row, List<SqlDatasets.DatasetRow> datasets) {
    }

    /** A version with its Create request and the feature of its project. */
    public record Version(String arn, SqlProjects.VersionRow row, CreateProjectVersionRequest definition, String feature) {
    }

    private final SqlProjects store;
    private final SqlDatasets datasets;
    private final SqlResourceTags tags;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();

    public ProjectService(SqlProjects store, SqlDatasets datasets, SqlResourceTags tags, Clock clock) {
        this.store = store;
        this.datasets = datasets;
        this.tags = tags;
        this.clock = clock;
    }

    public String create(String account, String region, CreateProjectRequest r) {
        String feature = r.feature() == null ? CUSTOM_LABELS : r.featureAsString();
        String autoUpdate = r.autoUpdateAsString();
        if (feature.equals(CUSTOM_LABELS) && autoUpdate != null) {
            throw RekognitionException.invalidParameter("AutoUpdate applies only to CONTENT_MODERATION projects");
        }
        if (feature.equals(CONTENT_MODERATION) && autoUpdate == null) {
            autoUpdate = "DISABLED";
        }
        long now = clock.millis();
        String arn = ResourceArn.project(account, region, r.projectName(), now);
        SqlProjects.ProjectRow row = new SqlProjects.ProjectRow(r.projectName(), feature, autoUpdate, now);
        store.database().write(c -> {
            if (!store.create(c, account, region, row)) {
                throw new RekognitionException("ResourceInUseException", "A project named " + r.projectName() + " already exists");
            }
            if (r.hasTags()) {
                tags.put(c, account, region, arn, r.tags());
            }
            return null;
        });
        return arn;
    }

    /** Projects in name order, filtered by name and feature (null or empty: all). */
    public Page<Project> describe(String account, String region, List<String> names, List<String> features, String token, Integer maxResults) {
        int max = maxResults == null ? 100 : maxResults;
        List<SqlProjects.ProjectRow> rows = store.list(account, region, Page.after(token), Integer.MAX_VALUE).stream()
                .filter(p -> names == null || names.isEmpty() || names.contains(p.name()))
                .filter(p -> features == null || features.isEmpty() || features.contains(p.feature()))
                .limit(max + 1L).toList();
        boolean more = rows.size() > max;
        List<Project> page = store.database().read(c -> {
            List<Project> out = new java.util.ArrayList<>();
            for (SqlProjects.ProjectRow p : rows.subList(0, Math.min(max, rows.size()))) {
                out.add(new Project(ResourceArn.project(account, region, p.name(), p.createdMs()), p,
                        datasets.ofProject(c, account, region, p.name())));
            }
            return out;
        });
        return new Page<>(page, more ? Page.token(page.getLast().row().name()) : null);
    }

    public void delete(String account, String region, String projectArn) {
        ResourceArn arn = ResourceArn.parse(account, region, projectArn, ResourceArn.Kind.PROJECT);
        store.database().write(c -> {
            project(c, account, region, arn);
            if (store.versionCount(c, account, region, arn.name()) > 0) {
                throw new RekognitionException("ResourceInUseException", "Project " + projectArn + " has versions: delete them first");
            }
            store.delete(c, account, region, arn.name());
            tags.removeUnder(c, account, region, arn.arn());
            return null;
        });
    }

    /** Creates the version, TRAINING_FAILED at once (no training happens), and answers its ARN. */
    public String createVersion(String account, String region, CreateProjectVersionRequest r) {
        ResourceArn project = ResourceArn.parse(account, region, r.projectArn(), ResourceArn.Kind.PROJECT);
        long now = clock.millis();
        String arn = ResourceArn.projectVersion(account, region, project.name(), r.versionName(), now);
        String definition = sdk.write(r.toBuilder().tags(null).build());
        store.database().write(c -> {
            project(c, account, region, project);
            if (!store.createVersion(c, account, region, new SqlProjects.VersionRow(project.name(), r.versionName(), definition,
                    TRAINING_FAILED, NOT_TRAINED, now))) {
                throw new RekognitionException("ResourceInUseException", "A version named " + r.versionName() + " already exists");
            }
            if (r.hasTags()) {
                tags.put(c, account, region, arn, r.tags());
            }
            return null;
        });
        return arn;
    }

    /** The project's versions, newest first, filtered by name (null or empty: all). */
    public Page<Version> versions(String account, String region, String projectArn, List<String> names, String token, Integer maxResults) {
        ResourceArn project = ResourceArn.parse(account, region, projectArn, ResourceArn.Kind.PROJECT);
        SqlProjects.ProjectRow p = store.database().read(c -> project(c, account, region, project));
        int max = maxResults == null ? 100 : maxResults;
        Page.TimeCursor after = Page.TimeCursor.of(token);
        Long afterMs = after == null ? null : after.millis();
        String afterVersion = after == null ? null : after.name();
        List<SqlProjects.VersionRow> rows = store.versions(account, region, p.name(), afterMs, afterVersion, Integer.MAX_VALUE).stream()
                .filter(v -> names == null || names.isEmpty() || names.contains(v.version())).limit(max + 1L).toList();
        boolean more = rows.size() > max;
        List<Version> page = rows.subList(0, Math.min(max, rows.size())).stream()
                .map(v -> new Version(ResourceArn.projectVersion(account, region, p.name(), v.version(), v.createdMs()), v,
                        sdk.read(v.definition(), CreateProjectVersionRequest.class), p.feature())).toList();
        return new Page<>(page, more ? new Page.TimeCursor(page.getLast().row().createdMs(), page.getLast().row().version()).token() : null);
    }

    /** The status of the version an ARN names (ResourceNotFoundException when there is none). */
    public String versionStatus(String account, String region, String versionArn) {
        ResourceArn arn = ResourceArn.parse(account, region, versionArn, ResourceArn.Kind.PROJECT_VERSION);
        return store.database().read(c -> store.findVersion(c, account, region, arn.name(), arn.version(), arn.createdMs()))
                .orElseThrow(() -> ResourceArn.missing(versionArn)).status();
    }

    public void deleteVersion(String account, String region, String versionArn) {
        ResourceArn arn = ResourceArn.parse(account, region, versionArn, ResourceArn.Kind.PROJECT_VERSION);
        store.database().write(c -> {
            if (store.findVersion(c, account, region, arn.name(), arn.version(), arn.createdMs()).isEmpty()) {
                throw ResourceArn.missing(versionArn);
            }
            store.deleteVersion(c, account, region, arn.name(), arn.version());
            tags.removeAll(c, account, region, arn.arn());
            return null;
        });
    }

    /** The project an ARN names (ResourceNotFoundException when there is none, or it was deleted and its name used again). */
    SqlProjects.ProjectRow project(Connection c, String account, String region, ResourceArn arn) throws SQLException {
        return store.find(c, account, region, arn.name(), arn.createdMs()).orElseThrow(() -> ResourceArn.missing(arn.arn()));
    }
}
