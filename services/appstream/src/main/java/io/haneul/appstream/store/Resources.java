package io.haneul.appstream.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/**
 * The resources of one kind (fleet, stack, image...) as stored documents, in name order. A row may
 * carry the state it settles into and when ({@link Row#nextState()}, {@link Row#nextAt()} in epoch ms).
 */
public final class Resources {

    /** A stored resource: its document and, while it is changing, the state it settles into and when. */
    public record Row(String name, String doc, String nextState, Long nextAt) {
    }

    private final Database db;

    public Resources(Database db) {
        this.db = db;
    }

    /** Inserts the resource; false when one of that kind and name exists. */
    public boolean insert(String account, String region, String kind, String name, String doc, String nextState, Long nextAt) {
        return db.write(c -> Sql.update(c, "INSERT INTO appstream_resources (account, region, kind, name, doc, next_state, next_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", account, region, kind, name, doc, nextState, nextAt)) == 1;
    }

    public Optional<Row> find(String account, String region, String kind, String name) {
        return db.read(c -> Sql.one(c, "SELECT name, doc, next_state, next_at FROM appstream_resources "
                + "WHERE account = ? AND region = ? AND kind = ? AND name = ?", Resources::row, account, region, kind, name));
    }

    public List<Row> all(String account, String region, String kind) {
        return db.read(c -> Sql.list(c, "SELECT name, doc, next_state, next_at FROM appstream_resources "
                + "WHERE account = ? AND region = ? AND kind = ? ORDER BY name", Resources::row, account, region, kind));
    }

    /** Replaces the document and its pending change; false when the resource is gone. */
    public boolean replace(String account, String region, String kind, String name, String doc, String nextState, Long nextAt) {
        return db.write(c -> Sql.update(c, "UPDATE appstream_resources SET doc = ?, next_state = ?, next_at = ? "
                + "WHERE account = ? AND region = ? AND kind = ? AND name = ?", doc, nextState, nextAt, account, region, kind, name)) == 1;
    }

    public boolean delete(String account, String region, String kind, String name) {
        return db.write(c -> Sql.update(c, "DELETE FROM appstream_resources WHERE account = ? AND region = ? AND kind = ? AND name = ?",
                account, region, kind, name)) == 1;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long at = rs.getLong(4);
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : at);
    }
}
