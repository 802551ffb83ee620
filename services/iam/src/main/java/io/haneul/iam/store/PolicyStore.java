package io.haneul.iam.store;

import io.haneul.iam.domain.ManagedPolicy;
import io.haneul.iam.domain.Names;
import io.haneul.iam.domain.PolicyVersion;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An account's own managed policies and their versions (AWS managed policies are a resource, not rows). */
public final class PolicyStore {

    private final Database db;

    public PolicyStore(Database db) {
        this.db = db;
        db.migrate("iam", IamSchema.migrations());
    }

    /** Stores a new policy with its first version {@code v1} as default; false when the name is taken. */
    public boolean insert(ManagedPolicy p, String document) {
        String key = Names.key(p.name());
        return db.write(c -> {
            if (findIn(c, p.account(), key).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO iam_policies (account, name_key, name, policy_id, path, description, default_version, "
                            + "next_version, created_at, updated_at, tags) VALUES (?, ?, ?, ?, ?, ?, 'v1', 2, ?, ?, ?)",
                    p.account(), key, p.name(), p.policyId(), p.path(), p.description(), p.createdAt().toEpochMilli(),
                    p.updatedAt().toEpochMilli(), TagJson.write(p.tags()));
            insertVersion(c, p.account(), key, 1, document, p.createdAt());
            return true;
        });
    }

    public Optional<ManagedPolicy> find(String account, String name) {
        return db.read(c -> findIn(c, account, Names.key(name)));
    }

    /** All of the account's policies, by name. IAM's quota keeps this to a few thousand at most. */
    public List<ManagedPolicy> all(String account) {
        return db.read(c -> Sql.list(c, "SELECT * FROM iam_policies WHERE account = ? ORDER BY name_key", PolicyStore::policy, account));
    }

    public void delete(String account, String name) {
        String key = Names.key(name);
        db.write(c -> {
            Sql.update(c, "DELETE FROM iam_policy_versions WHERE account = ? AND policy_key = ?", account, key);
            return Sql.update(c, "DELETE FROM iam_policies WHERE account = ? AND name_key = ?", account, key);
        });
    }

    public List<PolicyVersion> versions(String account, String name) {
        return db.read(c -> versionsIn(c, account, Names.key(name)));
    }

    /** The outcome of adding a version: the version, or empty when the policy already has {@code max}. */
    public Optional<PolicyVersion> addVersion(String account, String name, String document, boolean setAsDefault, int max, Instant now) {
        String key = Names.key(name);
        return db.write(c -> {
            if (versionsIn(c, account, key).size() >= max) {
                return Optional.<PolicyVersion>empty();
            }
            int number = Sql.one(c, "SELECT next_version FROM iam_policies WHERE account = ? AND name_key = ?",
                    rs -> rs.getInt(1), account, key).orElseThrow();
            String versionId = insertVersion(c, account, key, number, document, now);
            Sql.update(c, "UPDATE iam_policies SET next_version = ?, updated_at = ?" + (setAsDefault ? ", default_version = ?" : "")
                            + " WHERE account = ? AND name_key = ?",
                    setAsDefault ? new Object[]{number + 1, now.toEpochMilli(), versionId, account, key}
                            : new Object[]{number + 1, now.toEpochMilli(), account, key});
            return Optional.of(new PolicyVersion(versionId, document, setAsDefault, now));
        });
    }

    public boolean deleteVersion(String account, String name, String versionId) {
        return db.write(c -> Sql.update(c, "DELETE FROM iam_policy_versions WHERE account = ? AND policy_key = ? AND version_id = ?",
                account, Names.key(name), versionId)) > 0;
    }

    public void setDefaultVersion(String account, String name, String versionId, Instant now) {
        db.write(c -> Sql.update(c, "UPDATE iam_policies SET default_version = ?, updated_at = ? WHERE account = ? AND name_key = ?",
                versionId, now.toEpochMilli(), account, Names.key(name)));
    }

    public void updateTags(ManagedPolicy p) {
        db.write(c -> Sql.update(c, "UPDATE iam_policies SET tags = ? WHERE account = ? AND name_key = ?",
                TagJson.write(p.tags()), p.account(), Names.key(p.name())));
    }

    private static String insertVersion(Connection c, String account, String key, int number, String document, Instant now)
            throws SQLException {
        String versionId = "v" + number;
        Sql.update(c, "INSERT INTO iam_policy_versions (account, policy_key, version_id, version_num, document, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", account, key, versionId, number, document, now.toEpochMilli());
        return versionId;
    }

    private static List<PolicyVersion> versionsIn(Connection c, String account, String key) throws SQLException {
        String defaultVersion = Sql.one(c, "SELECT default_version FROM iam_policies WHERE account = ? AND name_key = ?",
                rs -> rs.getString(1), account, key).orElse("");
        return Sql.list(c, "SELECT version_id, document, created_at FROM iam_policy_versions WHERE account = ? AND policy_key = ? "
                        + "ORDER BY version_num DESC",
                rs -> new PolicyVersion(rs.getString(1), rs.getString(2), rs.getString(1).equals(defaultVersion),
                        Instant.ofEpochMilli(rs.getLong(3))), account, key);
    }

    private static Optional<ManagedPolicy> findIn(Connection c, String account, String key) throws SQLException {
        return Sql.one(c, "SELECT * FROM iam_policies WHERE account = ? AND name_key = ?", PolicyStore::policy, account, key);
    }

    private static ManagedPolicy policy(ResultSet rs) throws SQLException {
        return new ManagedPolicy(rs.getString("account"), rs.getString("name"), rs.getString("policy_id"), rs.getString("path"),
                rs.getString("description"), rs.getString("default_version"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), TagJson.read(rs.getString("tags")), 0);
    }
}
