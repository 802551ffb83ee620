package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Custom Labels projects and their versions in SQL; a project's datasets are in {@link SqlDatasets}. */
public final class SqlProjects {

    /** A stored project. */
    public record ProjectRow(String name, String feature, String autoUpdate, long createdMs) {
    }

    /** A stored project version: its Create request as JSON, status and when it was created. */
    public record VersionRow(String project, String version, String definition, String status, String statusMessage, long createdMs) {
    }

    private final Database db;

    public SqlProjects(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** Inserts the project; false when its name is taken. */
    public boolean create(Connection c, String account, String region, ProjectRow p) throws SQLException {
        return Sql.update(c, "INSERT INTO rekognition_projects (account, region, name, feature, auto_update, created_ms) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", account, region, p.name(), p.feature(), p.autoUpdate(), p.createdMs()) == 1;
    }

    /** The project of that name created at that time (an ARN names both). */
    public Optional<ProjectRow> find(Connection c, String account, String region, String name, long createdMs) throws SQLException {
        return Sql.one(c, "SELECT name, feature, auto_update, created_ms FROM rekognition_projects WHERE account = ? AND region = ? "
                + "AND name = ? AND created_ms = ?", rs -> new ProjectRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                account, region, name, createdMs);
    }

    /** Up to {@code limit} projects in name order after {@code after}. */
    public List<ProjectRow> list(String account, String region, String after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT name, feature, auto_update, created_ms FROM rekognition_projects WHERE account = ? AND region = ? "
                        + "AND name > ? ORDER BY name LIMIT ?", rs -> new ProjectRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                account, region, after == null ? "" : after, limit));
    }

    /**
     * Locks the project's row until the transaction ends (writers of its policies and DeleteProject take it
     * first, so they follow one another); false when that project is gone.
     */
    public boolean lock(Connection c, String account, String region, String name, long createdMs) throws SQLException {
        return Sql.update(c, "UPDATE rekognition_projects SET name = name WHERE account = ? AND region = ? AND name = ? AND created_ms = ?",
                account, region, name, createdMs) == 1;
    }

    /**
     * Deletes the project with its versions, datasets, their entries and its policies. The project row goes
     * first: that waits for a policy writer holding it, so the rows that writer added are seen and deleted too.
     */
    public void delete(Connection c, String account, String region, String name) throws SQLException {
        Sql.update(c, "DELETE FROM rekognition_projects WHERE account = ? AND region = ? AND name = ?", account, region, name);
        for (String table : List.of("rekognition_project_versions", "rekognition_datasets", "rekognition_dataset_entries", "rekognition_dataset_labels",
                "rekognition_project_policies")) {
            Sql.update(c, "DELETE FROM " + table + " WHERE account = ? AND region = ? AND project = ?", account, region, name);
        }
    }

    public int versionCount(Connection c, String account, String region, String project) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM rekognition_project_versions WHERE account = ? AND region = ? AND project = ?",
                rs -> rs.getInt(1), account, region, project).orElse(0);
    }

    /** Inserts the version; false when the project has one of that name. */
    public boolean createVersion(Connection c, String account, String region, VersionRow v) throws SQLException {
        return Sql.update(c, "INSERT INTO rekognition_project_versions (account, region, project, version, definition, status, status_message, "
                + "created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", account, region, v.project(), v.version(),
                v.definition(), v.status(), v.statusMessage(), v.createdMs()) == 1;
    }

    public Optional<VersionRow> findVersion(Connection c, String account, String region, String project, String version, long createdMs)
            throws SQLException {
        return Sql.one(c, "SELECT project, version, definition, status, status_message, created_ms FROM rekognition_project_versions "
                + "WHERE account = ? AND region = ? AND project = ? AND version = ? AND created_ms = ?", SqlProjects::version,
                account, region, project, version, createdMs);
    }

    /**
     * Up to {@code limit} versions of the project, newest first (then by name), after the version {@code afterVersion} created at
     * {@code afterMs} (null: from the newest).
     */
    public List<VersionRow> versions(String account, String region, String project, Long afterMs, String afterVersion, int limit) {
        long ms = afterMs == null ? Long.MAX_VALUE : afterMs;
        return db.read(c -> Sql.list(c, "SELECT project, version, definition, status, status_message, created_ms FROM rekognition_project_versions "
                        + "WHERE account = ? AND region = ? AND project = ? AND (created_ms < ? OR (created_ms = ? AND version > ?)) "
                        + "ORDER BY created_ms DESC, version LIMIT ?",
                SqlProjects::version, account, region, project, ms, ms, afterVersion == null ? "" : afterVersion, limit));
    }

    public void deleteVersion(Connection c, String account, String region, String project, String version) throws SQLException {
        Sql.update(c, "DELETE FROM rekognition_project_versions WHERE account = ? AND region = ? AND project = ? AND version = ?",
                account, region, project, version);
    }

    private static VersionRow version(java.sql.ResultSet rs) throws SQLException {
        return new VersionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6));
    }
}
