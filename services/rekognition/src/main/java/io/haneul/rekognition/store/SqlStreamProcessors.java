package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Stream processors in SQL, one row per name within an account and region. */
public final class SqlStreamProcessors {

    private static final String COLUMNS = "name, definition, status, status_message, session_id, stop_at_ms, created_ms, updated_ms";

    private final Database db;

    public SqlStreamProcessors(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** Inserts the processor; false when the name is taken. */
    public boolean create(Connection c, String account, String region, StreamProcessorRow row) throws SQLException {
        return Sql.update(c, "INSERT INTO rekognition_stream_processors (account, region, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", account, region, row.name(), row.definition(), row.status(), row.statusMessage(),
                row.sessionId(), row.stopAtMs(), row.createdMs(), row.updatedMs()) == 1;
    }

    public Optional<StreamProcessorRow> find(String account, String region, String name) {
        return db.read(c -> find(c, account, region, name));
    }

    public Optional<StreamProcessorRow> find(Connection c, String account, String region, String name) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM rekognition_stream_processors WHERE account = ? AND region = ? AND name = ?",
                SqlStreamProcessors::row, account, region, name);
    }

    /** Up to {@code limit} processors in name order, after {@code after} (null: from the first). */
    public List<StreamProcessorRow> list(String account, String region, String after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM rekognition_stream_processors WHERE account = ? AND region = ? "
                + "AND name > ? ORDER BY name LIMIT ?", SqlStreamProcessors::row, account, region, after == null ? "" : after, limit));
    }

    /** Writes every changeable column of the row. */
    public void update(Connection c, String account, String region, StreamProcessorRow row) throws SQLException {
        Sql.update(c, "UPDATE rekognition_stream_processors SET definition = ?, status = ?, status_message = ?, session_id = ?, "
                        + "stop_at_ms = ?, updated_ms = ? WHERE account = ? AND region = ? AND name = ?", row.definition(), row.status(),
                row.statusMessage(), row.sessionId(), row.stopAtMs(), row.updatedMs(), account, region, row.name());
    }

    public void delete(Connection c, String account, String region, String name) throws SQLException {
        Sql.update(c, "DELETE FROM rekognition_stream_processors WHERE account = ? AND region = ? AND name = ?", account, region, name);
    }

    private static StreamProcessorRow row(ResultSet rs) throws SQLException {
        long stopAt = rs.getLong(6);
        Long stopAtMs = rs.wasNull() ? null : stopAt;
        return new StreamProcessorRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), stopAtMs,
                rs.getLong(7), rs.getLong(8));
    }
}
