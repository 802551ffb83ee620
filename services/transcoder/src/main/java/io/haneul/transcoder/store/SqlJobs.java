package io.haneul.transcoder.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Jobs: the SDK {@code Job} document with its pipeline, status and progress as columns. Status changes
 * are compare-and-set on the status column, so a cancel and a runner (on any node) cannot both win.
 */
public final class SqlJobs {

    /** A stored job. */
    public record Row(String account, String region, String id, String pipelineId, String status, int progress, String doc) {
    }

    private static final String COLUMNS = "account, region, id, pipeline_id, status, progress, doc";

    private final Database db;

    public SqlJobs(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** Inserts inside the caller's transaction (with the job that will run it). */
    public void insert(Connection c, Row row) throws SQLException {
        Sql.update(c, "INSERT INTO transcoder_jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", row.account(), row.region(),
                row.id(), row.pipelineId(), row.status(), row.progress(), row.doc());
    }

    public Optional<Row> find(String account, String region, String id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM transcoder_jobs WHERE account = ? AND region = ? AND id = ?",
                SqlJobs::row, account, region, id));
    }

    /**
     * Replaces the document and status when the status is still {@code expected}; false otherwise. A job that
     * becomes Complete reaches 100 percent in the same statement, so no reader sees it Complete short of that.
     */
    public boolean replaceIf(String account, String region, String id, String expected, String status, String doc) {
        return db.write(c -> Sql.update(c, "UPDATE transcoder_jobs SET status = ?, doc = ?, "
                + "progress = CASE WHEN ? = 'Complete' THEN 100 ELSE progress END WHERE account = ? AND region = ? AND id = ? "
                + "AND status = ?", status, doc, status, account, region, id, expected)) == 1;
    }

    /**
     * Raises a Progressing job's percent: never lowers it (a rerun starting over, or a stale node reporting late)
     * and leaves a finished job alone.
     */
    public void progress(String account, String region, String id, int percent) {
        db.write(c -> Sql.update(c, "UPDATE transcoder_jobs SET progress = ? WHERE account = ? AND region = ? AND id = ? "
                + "AND status = 'Progressing' AND progress < ?", percent, account, region, id, percent));
    }

    /** Whether the pipeline has jobs not yet finished (Submitted or Progressing). */
    public boolean hasOpenJobs(String account, String region, String pipelineId) {
        return db.read(c -> Sql.one(c, "SELECT id FROM transcoder_jobs WHERE account = ? AND region = ? AND pipeline_id = ? "
                + "AND status IN ('Submitted', 'Progressing') LIMIT 1", rs -> rs.getString(1), account, region, pipelineId)).isPresent();
    }

    /** The ids of the pipeline's jobs in a status, oldest first. */
    public List<String> idsInStatus(String account, String region, String pipelineId, String status) {
        return db.read(c -> Sql.list(c, "SELECT id FROM transcoder_jobs WHERE account = ? AND region = ? AND pipeline_id = ? "
                + "AND status = ? ORDER BY id", rs -> rs.getString(1), account, region, pipelineId, status));
    }

    public List<Row> byPipeline(String account, String region, String pipelineId, String fromId, boolean ascending, int limit) {
        return page("pipeline_id", account, region, pipelineId, fromId, ascending, limit);
    }

    public List<Row> byStatus(String account, String region, String status, String fromId, boolean ascending, int limit) {
        return page("status", account, region, status, fromId, ascending, limit);
    }

    private List<Row> page(String column, String account, String region, String value, String fromId, boolean ascending, int limit) {
        String order = ascending ? "ASC" : "DESC";
        String from = fromId == null ? "" : " AND id " + (ascending ? ">=" : "<=") + " ?";
        String sql = "SELECT " + COLUMNS + " FROM transcoder_jobs WHERE account = ? AND region = ? AND " + column + " = ?" + from
                + " ORDER BY id " + order + " LIMIT ?";
        return db.read(c -> fromId == null
                ? Sql.list(c, sql, SqlJobs::row, account, region, value, limit)
                : Sql.list(c, sql, SqlJobs::row, account, region, value, fromId, limit));
    }

    /** Jobs of every account (or one), newest first, after {@code beforeId} (exclusive), for the inspection route. */
    public List<Row> recent(String account, String beforeId, int limit) {
        String where = (account == null ? "1 = 1" : "account = ?") + (beforeId == null ? "" : " AND id < ?");
        String sql = "SELECT " + COLUMNS + " FROM transcoder_jobs WHERE " + where + " ORDER BY id DESC LIMIT ?";
        List<Object> args = new java.util.ArrayList<>();
        if (account != null) {
            args.add(account);
        }
        if (beforeId != null) {
            args.add(beforeId);
        }
        args.add(limit);
        return db.read(c -> Sql.list(c, sql, SqlJobs::row, args.toArray()));
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7));
    }
}
