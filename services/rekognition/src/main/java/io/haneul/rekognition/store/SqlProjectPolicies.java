package io.haneul.rekognition.store;

import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The policies of Custom Labels projects in SQL, keyed by the project (its name and creation time, so that a
 * project deleted and created again under the same name never sees the policies of the one before) and the
 * policy name. A revision replaces the row only while the revision id it names is still the current one, so
 * two writers that read the same revision cannot both replace it.
 */
public final class SqlProjectPolicies {

    /** The project that owns policies: one incarnation of a project name. */
    public record Owner(String account, String region, String project, long projectCreatedMs) {
    }

    /** A stored policy: its current revision id and document as sent. */
    public record PolicyRow(String name, String revisionId, String document, long createdMs, long updatedMs) {
    }

    private static final String COLUMNS = "policy_name, revision_id, document, created_ms, updated_ms";
    private static final String OF_OWNER = " WHERE account = ? AND region = ? AND project = ? AND project_created_ms = ?";

    public Optional<PolicyRow> find(Connection c, Owner o, String name) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM rekognition_project_policies" + OF_OWNER + " AND policy_name = ?", SqlProjectPolicies::row,
                o.account(), o.region(), o.project(), o.projectCreatedMs(), name);
    }

    public int count(Connection c, Owner o) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM rekognition_project_policies" + OF_OWNER, rs -> rs.getInt(1),
                o.account(), o.region(), o.project(), o.projectCreatedMs()).orElse(0);
    }

    /** Inserts a new policy; false when the project has one of that name already. */
    public boolean create(Connection c, Owner o, PolicyRow p) throws SQLException {
        return Sql.update(c, "INSERT INTO rekognition_project_policies (account, region, project, project_created_ms, " + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", o.account(), o.region(), o.project(), o.projectCreatedMs(),
                p.name(), p.revisionId(), p.document(), p.createdMs(), p.updatedMs()) == 1;
    }

    /** Replaces the policy's document and revision id; false unless {@code expectedRevision} is its current one. */
    public boolean revise(Connection c, Owner o, String name, String expectedRevision, String revisionId, String document, long updatedMs)
            throws SQLException {
        return Sql.update(c, "UPDATE rekognition_project_policies SET revision_id = ?, document = ?, updated_ms = ?" + OF_OWNER
                + " AND policy_name = ? AND revision_id = ?", revisionId, document, updatedMs, o.account(), o.region(), o.project(),
                o.projectCreatedMs(), name, expectedRevision) == 1;
    }

    /** Deletes the policy ({@code revisionId} null: whatever its revision); false when nothing matched. */
    public boolean delete(Connection c, Owner o, String name, String revisionId) throws SQLException {
        String sql = "DELETE FROM rekognition_project_policies" + OF_OWNER + " AND policy_name = ?";
        return revisionId == null ? Sql.update(c, sql, o.account(), o.region(), o.project(), o.projectCreatedMs(), name) == 1
                : Sql.update(c, sql + " AND revision_id = ?", o.account(), o.region(), o.project(), o.projectCreatedMs(), name, revisionId) == 1;
    }

    /** Up to {@code limit} of the project's policies in name order after {@code after}. */
    public List<PolicyRow> list(Connection c, Owner o, String after, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM rekognition_project_policies" + OF_OWNER + " AND policy_name > ? "
                + "ORDER BY policy_name LIMIT ?", SqlProjectPolicies::row, o.account(), o.region(), o.project(), o.projectCreatedMs(),
                after == null ? "" : after, limit);
    }

    private static PolicyRow row(ResultSet rs) throws SQLException {
        return new PolicyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
    }
}
