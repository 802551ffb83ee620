package io.haneul.transcoder.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/**
 * Pipelines or custom presets: one table of (account, region, id, doc) where doc is the resource's SDK
 * wire document. Pages run by id in either direction, starting at a page token (an id, inclusive).
 */
public final class SqlDocuments {

    /** A stored document and its id. */
    public record Row(String id, String doc) {
    }

    private final Database db;
    private final String table;

    private SqlDocuments(Database db, String table) {
        this.db = db;
        this.table = table;
    }

    public static SqlDocuments pipelines(Database db) {
        return new SqlDocuments(db, "transcoder_pipelines");
    }

    public static SqlDocuments presets(Database db) {
        return new SqlDocuments(db, "transcoder_presets");
    }

    public void insert(String account, String region, String id, String doc) {
        db.write(c -> Sql.update(c, "INSERT INTO " + table + " (account, region, id, doc) VALUES (?, ?, ?, ?)", account, region, id, doc));
    }

    public Optional<String> find(String account, String region, String id) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM " + table + " WHERE account = ? AND region = ? AND id = ?",
                rs -> rs.getString(1), account, region, id));
    }

    /** Replaces the document; false when it no longer exists. */
    public boolean replace(String account, String region, String id, String doc) {
        return db.write(c -> Sql.update(c, "UPDATE " + table + " SET doc = ? WHERE account = ? AND region = ? AND id = ?",
                doc, account, region, id)) == 1;
    }

    public boolean delete(String account, String region, String id) {
        return db.write(c -> Sql.update(c, "DELETE FROM " + table + " WHERE account = ? AND region = ? AND id = ?",
                account, region, id)) == 1;
    }

    /** Up to {@code limit} documents from {@code fromId} (inclusive; null: the first) in id order. */
    public List<Row> list(String account, String region, String fromId, boolean ascending, int limit) {
        String cmp = ascending ? ">=" : "<=";
        String order = ascending ? "ASC" : "DESC";
        return db.read(c -> fromId == null
                ? Sql.list(c, "SELECT id, doc FROM " + table + " WHERE account = ? AND region = ? ORDER BY id " + order + " LIMIT ?",
                        rs -> new Row(rs.getString(1), rs.getString(2)), account, region, limit)
                : Sql.list(c, "SELECT id, doc FROM " + table + " WHERE account = ? AND region = ? AND id " + cmp + " ? ORDER BY id "
                        + order + " LIMIT ?", rs -> new Row(rs.getString(1), rs.getString(2)), account, region, fromId, limit));
    }
}
