package io.haneul.iam.store;

import io.haneul.iam.domain.Names;
import io.haneul.iam.domain.Role;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Roles, their inline policies and their managed-policy attachments. */
public final class RoleStore {

    /** What still refers to a role; a role may only be deleted when all are zero (AWS's DeleteConflict). */
    public record Dependents(int inlinePolicies, int attachedPolicies, int instanceProfiles) {
        public boolean none() {
            return inlinePolicies == 0 && attachedPolicies == 0 && instanceProfiles == 0;
        }
    }

    /** An inline policy of a role. */
    public record InlinePolicy(String name, String document) {
    }

    private final Database db;

    public RoleStore(Database db) {
        this.db = db;
        db.migrate("iam", IamSchema.migrations());
    }

    /** Stores a new role; false when the account already has one of that name (any case). */
    public boolean insert(Role r) {
        return db.write(c -> {
            if (findIn(c, r.account(), r.key()).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO iam_roles (account, name_key, name, role_id, path, trust_policy, description, max_session, "
                            + "boundary, created_at, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r.account(), r.key(), r.name(), r.roleId(), r.path(), r.trustPolicy(), r.description(), r.maxSessionDuration(),
                    r.permissionsBoundary(), r.createdAt().toEpochMilli(), TagJson.write(r.tags()));
            return true;
        });
    }

    public Optional<Role> find(String account, String name) {
        return db.read(c -> findIn(c, account, Names.key(name)));
    }

    /** Rewrites a role's mutable fields (description, session length, trust policy, boundary, tags). */
    public void update(Role r) {
        db.write(c -> Sql.update(c, "UPDATE iam_roles SET trust_policy = ?, description = ?, max_session = ?, boundary = ?, tags = ? "
                        + "WHERE account = ? AND name_key = ?", r.trustPolicy(), r.description(), r.maxSessionDuration(),
                r.permissionsBoundary(), TagJson.write(r.tags()), r.account(), r.key()));
    }

    /** Roles whose path starts with the prefix, by name after {@code afterKey}, at most {@code limit}. */
    public List<Role> list(String account, String pathPrefix, String afterKey, int limit) {
        return db.read(c -> Sql.list(c, "SELECT * FROM iam_roles WHERE account = ? AND name_key > ? AND substr(path, 1, ?) = ? "
                + "ORDER BY name_key LIMIT ?", RoleStore::role, account, afterKey, pathPrefix.length(), pathPrefix, limit));
    }

    /** Deletes the role when nothing refers to it; answers what refers to it (all zero: deleted). */
    public Dependents deleteUnlessReferenced(String account, String name) {
        String key = Names.key(name);
        return db.write(c -> {
            Dependents d = new Dependents(
                    count(c, "SELECT COUNT(*) FROM iam_role_policies WHERE account = ? AND role_key = ?", account, key),
                    count(c, "SELECT COUNT(*) FROM iam_role_attachments WHERE account = ? AND role_key = ?", account, key),
                    count(c, "SELECT COUNT(*) FROM iam_instance_profiles WHERE account = ? AND role_key = ?", account, key));
            if (d.none()) {
                Sql.update(c, "DELETE FROM iam_roles WHERE account = ? AND name_key = ?", account, key);
            }
            return d;
        });
    }

    // ---- inline policies ----

    public void putInlinePolicy(String account, String roleName, String policyName, String document) {
        String roleKey = Names.key(roleName);
        String key = Names.key(policyName);
        db.write(c -> {
            Sql.update(c, "DELETE FROM iam_role_policies WHERE account = ? AND role_key = ? AND name_key = ?", account, roleKey, key);
            return Sql.update(c, "INSERT INTO iam_role_policies (account, role_key, name_key, name, document) VALUES (?, ?, ?, ?, ?)",
                    account, roleKey, key, policyName, document);
        });
    }

    public Optional<InlinePolicy> inlinePolicy(String account, String roleName, String policyName) {
        return db.read(c -> Sql.one(c, "SELECT name, document FROM iam_role_policies WHERE account = ? AND role_key = ? AND name_key = ?",
                rs -> new InlinePolicy(rs.getString(1), rs.getString(2)), account, Names.key(roleName), Names.key(policyName)));
    }

    /** Every inline policy of the role, with its document. */
    public List<InlinePolicy> inlinePolicies(String account, String roleName) {
        return db.read(c -> Sql.list(c, "SELECT name, document FROM iam_role_policies WHERE account = ? AND role_key = ?",
                rs -> new InlinePolicy(rs.getString(1), rs.getString(2)), account, Names.key(roleName)));
    }

    /** Names of the role's inline policies after {@code afterKey}, at most {@code limit}. */
    public List<String> inlinePolicyNames(String account, String roleName, String afterKey, int limit) {
        return db.read(c -> Sql.list(c, "SELECT name FROM iam_role_policies WHERE account = ? AND role_key = ? AND name_key > ? "
                + "ORDER BY name_key LIMIT ?", rs -> rs.getString(1), account, Names.key(roleName), afterKey, limit));
    }

    public boolean deleteInlinePolicy(String account, String roleName, String policyName) {
        return db.write(c -> Sql.update(c, "DELETE FROM iam_role_policies WHERE account = ? AND role_key = ? AND name_key = ?",
                account, Names.key(roleName), Names.key(policyName))) > 0;
    }

    // ---- managed policy attachments ----

    /** What attaching did. */
    public enum AttachOutcome { ATTACHED, ALREADY_ATTACHED, ROLE_FULL }

    /** Attaches unless the role already has {@code maxPerRole} policies (attaching twice is not an error in IAM). */
    public AttachOutcome attach(String account, String roleName, String policyArn, int maxPerRole) {
        String roleKey = Names.key(roleName);
        return db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM iam_role_attachments WHERE account = ? AND role_key = ? AND policy_arn = ?",
                    rs -> true, account, roleKey, policyArn).isPresent()) {
                return AttachOutcome.ALREADY_ATTACHED;
            }
            if (count(c, "SELECT COUNT(*) FROM iam_role_attachments WHERE account = ? AND role_key = ?", account, roleKey) >= maxPerRole) {
                return AttachOutcome.ROLE_FULL;
            }
            Sql.update(c, "INSERT INTO iam_role_attachments (account, role_key, policy_arn) VALUES (?, ?, ?)", account, roleKey, policyArn);
            return AttachOutcome.ATTACHED;
        });
    }

    public boolean detach(String account, String roleName, String policyArn) {
        return db.write(c -> Sql.update(c, "DELETE FROM iam_role_attachments WHERE account = ? AND role_key = ? AND policy_arn = ?",
                account, Names.key(roleName), policyArn)) > 0;
    }

    /** ARNs of the policies attached to the role. */
    public List<String> attachedPolicies(String account, String roleName) {
        return db.read(c -> Sql.list(c, "SELECT policy_arn FROM iam_role_attachments WHERE account = ? AND role_key = ?",
                rs -> rs.getString(1), account, Names.key(roleName)));
    }

    /** The account's roles that have the policy attached. */
    public List<Role> rolesAttachedTo(String account, String policyArn) {
        return db.read(c -> Sql.list(c, "SELECT r.* FROM iam_roles r JOIN iam_role_attachments a ON a.account = r.account "
                + "AND a.role_key = r.name_key WHERE a.account = ? AND a.policy_arn = ? ORDER BY r.name_key", RoleStore::role, account, policyArn));
    }

    /** How many of the account's roles have the policy attached. */
    public int attachmentCount(String account, String policyArn) {
        return db.read(c -> count(c, "SELECT COUNT(*) FROM iam_role_attachments WHERE account = ? AND policy_arn = ?", account, policyArn));
    }

    /** Attachment counts of every policy attached somewhere in the account, by ARN. */
    public java.util.Map<String, Integer> attachmentCounts(String account) {
        return db.read(c -> {
            java.util.Map<String, Integer> out = new java.util.HashMap<>();
            for (String[] row : Sql.list(c, "SELECT policy_arn, COUNT(*) FROM iam_role_attachments WHERE account = ? GROUP BY policy_arn",
                    rs -> new String[]{rs.getString(1), Integer.toString(rs.getInt(2))}, account)) {
                out.put(row[0], Integer.parseInt(row[1]));
            }
            return out;
        });
    }

    static Optional<Role> findIn(Connection c, String account, String key) throws SQLException {
        return Sql.one(c, "SELECT * FROM iam_roles WHERE account = ? AND name_key = ?", RoleStore::role, account, key);
    }

    static Role role(ResultSet rs) throws SQLException {
        return new Role(rs.getString("account"), rs.getString("name"), rs.getString("role_id"), rs.getString("path"),
                rs.getString("trust_policy"), rs.getString("description"), rs.getInt("max_session"), rs.getString("boundary"),
                Instant.ofEpochMilli(rs.getLong("created_at")), TagJson.read(rs.getString("tags")));
    }

    private static int count(Connection c, String sql, Object... args) throws SQLException {
        return Sql.one(c, sql, rs -> rs.getInt(1), args).orElse(0);
    }
}
