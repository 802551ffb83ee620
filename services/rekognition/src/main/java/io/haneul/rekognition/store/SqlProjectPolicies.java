package io.haneul.rekognition.store;

import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The policies of Custom Labels projects in SQL, keyed by project name and policy name. A revision
 * replaces the row only while the revision id it names is still the current one, so two writers that
 * read the same revision cannot both replace it.
 */
public final class SqlProjectPolicies {

    /** A stored policy: its current revision id and document as sent. */
    public record PolicyRow(String name, String revisionId, String document, long createdMs, long updatedMs) {
    }

    private static final String COLUMNS = "policy_name, revision_id, document, created_ms, updated_ms";

    public Optional<PolicyRow> find(Connection c, String account, String region, String project, String name) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM rekognition_project_policies WHERE account = ? AND region = ? AND project = ? "
                + "AND policy_name = ?", SqlProjectPolicies::row, account, region, project, name);
    }

    public int count(Connection c, String account, String region, String project) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM rekognition_project_policies WHERE account = ? AND region = ? AND project = ?",
                rs -> rs.getInt(1), account, region, project).orElse(0);
    }

    /** Inserts a new policy; false when the project has one of that name already. */
    public boolean create(Connection c, String account, String region, String project, PolicyRow p) throws SQLException {
        return Sql.update(c, "INSERT INTO rekognition_project_policies (account, region, project, " + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", account, region, project, p.name(), p.revisionId(),
                p.document(), p.createdMs(), p.updatedMs()) == 1;
    }

    /** Replaces the policy's document and revision id; false unless {@code expectedRevision} is its current one. */
    public boolean revise(Connection c, String account, String region, String project, String name, String expectedRevision,
                          String revisionId, String document, long updatedMs) throws SQLException {
        return Sql.update(c, "UPDATE rekognition_project_policies SET revision_id = ?, document = ?, updated_ms = ? WHERE account = ? "
                + "AND region = ? AND project = ? AND policy_name = ? AND revision_id = ?", revisionId, document, updatedMs,
                account, region, project, name, expectedRevision) == 1;
    }

    /** Deletes the policy ({@code revisionId} null: whatever its revision); false when nothing matched. */
    public boolean delete(Connection c, String account, String region, String project, String name, String revisionId) throws SQLException {
        String sql = "DELETE FROM rekognition_project_policies WHERE account = ? AND region = ? AND project = ? AND policy_name = ?";
        return revisionId == null ? Sql.update(c, sql, account, region, project, name) == 1
                : Sql.update(c, sql + " AND revision_id = ?", account, region, project, name, revisionId) == 1;
    }

    /** Up to {@code limit} of the project's policies in name order after {@code after}. */
    public List<PolicyRow> list(Connection c, String account, String region, String project, String after, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM rekognition_project_policies WHERE account = ? AND region = ? AND project = ? "
                + "AND policy_name > ? ORDER BY policy_name LIMIT ?", SqlProjectPolicies::row, account, region, project,
                after == null ? "" : after, limit);
    }

    private static PolicyRow row(ResultSet rs) throws SQLException {
        return new PolicyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
    }
}
