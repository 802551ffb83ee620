package io.haneul.iam.store;

import io.haneul.iam.domain.InstanceProfile;
import io.haneul.iam.domain.Names;
import io.haneul.iam.domain.Role;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Instance profiles and the one role each may hold. */
public final class InstanceProfileStore {

    /** What adding a role did. */
    public enum AddOutcome { ADDED, PROFILE_FULL }

    private final Database db;

    public InstanceProfileStore(Database db) {
        this.db = db;
        db.migrate("iam", IamSchema.migrations());
    }

    /** Stores a new profile; false when the name is taken. */
    public boolean insert(InstanceProfile p) {
        String key = Names.key(p.name());
        return db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM iam_instance_profiles WHERE account = ? AND name_key = ?", rs -> true, p.account(), key).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO iam_instance_profiles (account, name_key, name, profile_id, path, created_at, tags) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", p.account(), key, p.name(), p.profileId(), p.path(),
                    p.createdAt().toEpochMilli(), TagJson.write(p.tags()));
            return true;
        });
    }

    public Optional<InstanceProfile> find(String account, String name) {
        return db.read(c -> {
            Optional<Row> row = Sql.one(c, "SELECT * FROM iam_instance_profiles WHERE account = ? AND name_key = ?",
                    InstanceProfileStore::row, account, Names.key(name));
            return row.isEmpty() ? Optional.<InstanceProfile>empty() : Optional.of(withRole(c, row.get()));
        });
    }

    /** Profiles whose path starts with the prefix, by name after {@code afterKey}, at most {@code limit}. */
    public List<InstanceProfile> list(String account, String pathPrefix, String afterKey, int limit) {
        return db.read(c -> {
            List<InstanceProfile> out = new ArrayList<>();
            for (Row r : Sql.list(c, "SELECT * FROM iam_instance_profiles WHERE account = ? AND name_key > ? AND substr(path, 1, ?) = ? "
                    + "ORDER BY name_key LIMIT ?", InstanceProfileStore::row, account, afterKey, pathPrefix.length(), pathPrefix, limit)) {
                out.add(withRole(c, r));
            }
            return out;
        });
    }

    /** Profiles holding the role, by name after {@code afterKey}, at most {@code limit}. */
    public List<InstanceProfile> listForRole(String account, String roleName, String afterKey, int limit) {
        return db.read(c -> {
            List<InstanceProfile> out = new ArrayList<>();
            for (Row r : Sql.list(c, "SELECT * FROM iam_instance_profiles WHERE account = ? AND role_key = ? AND name_key > ? "
                    + "ORDER BY name_key LIMIT ?", InstanceProfileStore::row, account, Names.key(roleName), afterKey, limit)) {
                out.add(withRole(c, r));
            }
            return out;
        });
    }

    /** Puts the role in the profile unless it holds one already (an instance profile holds one role). */
    public AddOutcome addRole(String account, String profileName, String roleName) {
        return db.write(c -> Sql.update(c, "UPDATE iam_instance_profiles SET role_key = ? WHERE account = ? AND name_key = ? AND role_key IS NULL",
                Names.key(roleName), account, Names.key(profileName)) > 0 ? AddOutcome.ADDED : AddOutcome.PROFILE_FULL);
    }

    /** Takes the role out; false when the profile did not hold it. */
    public boolean removeRole(String account, String profileName, String roleName) {
        return db.write(c -> Sql.update(c, "UPDATE iam_instance_profiles SET role_key = NULL WHERE account = ? AND name_key = ? AND role_key = ?",
                account, Names.key(profileName), Names.key(roleName))) > 0;
    }

    public void updateTags(String account, String name, java.util.Map<String, String> tags) {
        db.write(c -> Sql.update(c, "UPDATE iam_instance_profiles SET tags = ? WHERE account = ? AND name_key = ?",
                TagJson.write(tags), account, Names.key(name)));
    }

    /** Deletes the profile unless it holds a role; false when it does. */
    public boolean deleteIfEmpty(String account, String name) {
        return db.write(c -> {
            String key = Names.key(name);
            if (Sql.one(c, "SELECT 1 FROM iam_instance_profiles WHERE account = ? AND name_key = ? AND role_key IS NOT NULL",
                    rs -> true, account, key).isPresent()) {
                return false;
            }
            Sql.update(c, "DELETE FROM iam_instance_profiles WHERE account = ? AND name_key = ?", account, key);
            return true;
        });
    }

    private record Row(String account, String name, String profileId, String path, Instant createdAt, String tags, String roleKey) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("account"), rs.getString("name"), rs.getString("profile_id"), rs.getString("path"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("tags"), rs.getString("role_key"));
    }

    private static InstanceProfile withRole(Connection c, Row r) throws SQLException {
        List<Role> roles = r.roleKey() == null ? List.of() : RoleStore.findIn(c, r.account(), r.roleKey()).map(List::of).orElse(List.of());
        return new InstanceProfile(r.account(), r.name(), r.profileId(), r.path(), r.createdAt(), TagJson.read(r.tags()), roles);
    }
}
