package io.haneul.rekognition.store;

import io.haneul.rekognition.domain.ResourceArn;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags of stream processors, projects and project versions, keyed by ARN (collections keep theirs in
 * {@code rekognition_tags}). Every method runs in the caller's transaction, beside the check that the
 * resource exists.
 */
public final class SqlResourceTags {

    /** Whether the stream processor, project, project version or dataset the ARN names exists (collections are not asked here). */
    public boolean exists(Connection c, String account, String region, ResourceArn r) throws SQLException {
        return switch (r.kind()) {
            case STREAM_PROCESSOR -> Sql.one(c, "SELECT 1 FROM rekognition_stream_processors WHERE account = ? AND region = ? AND name = ?",
                    rs -> true, account, region, r.name()).isPresent();
            case PROJECT -> Sql.one(c, "SELECT 1 FROM rekognition_projects WHERE account = ? AND region = ? AND name = ? AND created_ms = ?",
                    rs -> true, account, region, r.name(), r.createdMs()).isPresent();
            case PROJECT_VERSION -> Sql.one(c, "SELECT 1 FROM rekognition_project_versions WHERE account = ? AND region = ? AND project = ? "
                    + "AND version = ? AND created_ms = ?", rs -> true, account, region, r.name(), r.version(), r.createdMs()).isPresent();
            case DATASET -> Sql.one(c, "SELECT 1 FROM rekognition_datasets WHERE account = ? AND region = ? AND project = ? "
                    + "AND dataset_type = ? AND created_ms = ?", rs -> true, account, region, r.name(), r.version(), r.createdMs()).isPresent();
            case COLLECTION -> throw new IllegalArgumentException("collections keep their tags in rekognition_tags");
        };
    }

    public Map<String, String> tags(Connection c, String account, String region, String arn) throws SQLException {
        Map<String, String> tags = new LinkedHashMap<>();
        Sql.list(c, "SELECT tag_key, tag_value FROM rekognition_resource_tags WHERE account = ? AND region = ? AND arn = ? ORDER BY tag_key",
                rs -> tags.put(rs.getString(1), rs.getString(2)), account, region, arn);
        return tags;
    }

    public void put(Connection c, String account, String region, String arn, Map<String, String> tags) throws SQLException {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            Sql.update(c, "DELETE FROM rekognition_resource_tags WHERE account = ? AND region = ? AND arn = ? AND tag_key = ?",
                    account, region, arn, t.getKey());
            Sql.update(c, "INSERT INTO rekognition_resource_tags (account, region, arn, tag_key, tag_value) VALUES (?, ?, ?, ?, ?)",
                    account, region, arn, t.getKey(), t.getValue());
        }
    }

    public void remove(Connection c, String account, String region, String arn, Collection<String> keys) throws SQLException {
        for (String key : keys) {
            Sql.update(c, "DELETE FROM rekognition_resource_tags WHERE account = ? AND region = ? AND arn = ? AND tag_key = ?",
                    account, region, arn, key);
        }
    }

    /** Drops every tag of the resource, as it is deleted. */
    public void removeAll(Connection c, String account, String region, String arn) throws SQLException {
        Sql.update(c, "DELETE FROM rekognition_resource_tags WHERE account = ? AND region = ? AND arn = ?", account, region, arn);
    }

    /** Drops the tags of a project and of everything in it (versions, datasets), whose ARNs all start with the project's without its creation time. */
    public void removeUnder(Connection c, String account, String region, String projectArn) throws SQLException {
        Sql.update(c, "DELETE FROM rekognition_resource_tags WHERE account = ? AND region = ? AND (arn = ? OR arn LIKE ? ESCAPE '!')",
                account, region, projectArn, escapeLike(projectArn.substring(0, projectArn.lastIndexOf('/') + 1)) + "%");
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
