package io.haneul.sagemaker.hosting.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of {@link HostingSchema}: one document per (account, region, kind, name) with its status and
 * creation time, and tags by ARN. Writes that race (a status moved by a job while a user deletes) are
 * guarded by the status they expect.
 */
public final class HostingStore {

    /** A stored resource. */
    public record Row(String account, String region, String kind, String name, String status, long created, String doc) {
    }

    private final Database db;

    public HostingStore(Database db) {
        this.db = db;
        db.migrate(HostingSchema.COMPONENT, HostingSchema.MIGRATIONS);
    }

    /** Inserts a resource; false when one of that kind and name exists already. */
    public boolean insert(Row row) {
        return db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM sagemaker_host_resources WHERE account = ? AND region = ? AND kind = ? AND name = ?",
                    rs -> 1, row.account(), row.region(), row.kind(), row.name()).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO sagemaker_host_resources (account, region, kind, name, status, created, doc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row.account(), row.region(), row.kind(), row.name(), row.status(), row.created(), row.doc());
            return true;
        });
    }

    public Optional<Row> find(String account, String region, String kind, String name) {
        return db.read(c -> Sql.one(c, "SELECT account, region, kind, name, status, created, doc FROM sagemaker_host_resources"
                + " WHERE account = ? AND region = ? AND kind = ? AND name = ?", HostingStore::row, account, region, kind, name));
    }

    /** Replaces the document and status; {@code expectedStatus} null replaces whatever the status is. False when nothing matched. */
    public boolean replace(String account, String region, String kind, String name, String expectedStatus, String status, String doc) {
        return db.write(c -> expectedStatus == null
                ? Sql.update(c, "UPDATE sagemaker_host_resources SET status = ?, doc = ? WHERE account = ? AND region = ? AND kind = ? AND name = ?",
                        status, doc, account, region, kind, name)
                : Sql.update(c, "UPDATE sagemaker_host_resources SET status = ?, doc = ? WHERE account = ? AND region = ? AND kind = ? AND name = ?"
                        + " AND status = ?", status, doc, account, region, kind, name, expectedStatus)) == 1;
    }

    /** Deletes a resource and the tags of its ARN; false when it did not exist. */
    public boolean delete(String account, String region, String kind, String name, String arn) {
        return db.write(c -> {
            int n = Sql.update(c, "DELETE FROM sagemaker_host_resources WHERE account = ? AND region = ? AND kind = ? AND name = ?",
                    account, region, kind, name);
            Sql.update(c, "DELETE FROM sagemaker_host_tags WHERE arn = ?", arn);
            return n == 1;
        });
    }

    /** Every resource of a kind in an account and region, oldest first (listings filter, sort and page these). */
    public List<Row> list(String account, String region, String kind) {
        return db.read(c -> Sql.list(c, "SELECT account, region, kind, name, status, created, doc FROM sagemaker_host_resources"
                + " WHERE account = ? AND region = ? AND kind = ? ORDER BY created, name", HostingStore::row, account, region, kind));
    }

    /** Resources of a kind in one status, across accounts (endpoints to bring back after a restart). */
    /** Whether a resource of {@code kind} is stored under the name an ARN carries (ARNs carry names in lower case). */
    public boolean existsByArnName(String account, String region, String kind, String arnName) {
        return list(account, region, kind).stream().anyMatch(r -> r.name().toLowerCase(java.util.Locale.ROOT).equals(arnName));
    }

    public List<Row> withStatus(String kind, String status) {
        return db.read(c -> Sql.list(c, "SELECT account, region, kind, name, status, created, doc FROM sagemaker_host_resources"
                + " WHERE kind = ? AND status = ?", HostingStore::row, kind, status));
    }

    public void putTags(String arn, Map<String, String> tags) {
        db.write(c -> {
            for (Map.Entry<String, String> t : tags.entrySet()) {
                Sql.update(c, "DELETE FROM sagemaker_host_tags WHERE arn = ? AND tag_key = ?", arn, t.getKey());
                Sql.update(c, "INSERT INTO sagemaker_host_tags (arn, tag_key, tag_value) VALUES (?, ?, ?)", arn, t.getKey(), t.getValue());
            }
            return null;
        });
    }

    public void deleteTags(String arn, List<String> keys) {
        db.write(c -> {
            for (String k : keys) {
                Sql.update(c, "DELETE FROM sagemaker_host_tags WHERE arn = ? AND tag_key = ?", arn, k);
            }
            return null;
        });
    }

    /** The tags of an ARN in key order. */
    public Map<String, String> tags(String arn) {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(c -> Sql.list(c, "SELECT tag_key, tag_value FROM sagemaker_host_tags WHERE arn = ? ORDER BY tag_key",
                rs -> out.put(rs.getString(1), rs.getString(2)), arn));
        return out;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7));
    }
}
