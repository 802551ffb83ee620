package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stored-video jobs and their result items in SQL. A job is created together with its scheduler entry
 * in one transaction, so that an acknowledged Start always runs; results of a run replace those of an
 * interrupted earlier run.
 */
public final class SqlVideoJobs {

    /** One job as stored. {@code request} is the Start request as JSON; {@code metadata} the probed video, as JSON. */
    public record Row(String jobId, String api, String clientToken, String request, String status, String statusMessage,
                      String metadata, long createdMs, Long finishedMs) {
    }

    /** One result item and the keys it sorts by. */
    public record Item(long timestampMillis, String sortKey, String json) {
    }

    private static final String COLUMNS = "job_id, api, client_token, request, status, status_message, metadata, created_ms, finished_ms";

    private final Database db;

    public SqlVideoJobs(Database db) {
        this.db = db;
    }

    /**
     * Stores a new IN_PROGRESS job and schedules its run, unless a job of the same API and client token
     * exists: then that job is answered and nothing is stored ({@link ScheduledStarts}).
     */
    public Row createOrFind(String account, String region, Row job, DurableScheduler scheduler, String kind, String payload) {
        return ScheduledStarts.createOrFind(db, scheduler, job, job.jobId(), job.clientToken(), job.createdMs(), kind, payload,
                c -> Sql.update(c, "INSERT INTO rekognition_video_jobs (account, region, " + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, api, client_token) DO NOTHING",
                        account, region, job.jobId(), job.api(), job.clientToken(), job.request(), job.status(), job.statusMessage(),
                        job.metadata(), job.createdMs(), job.finishedMs()),
                c -> Sql.one(c, "SELECT " + COLUMNS + " FROM rekognition_video_jobs WHERE account = ? AND region = ? "
                        + "AND api = ? AND client_token = ?", SqlVideoJobs::row, account, region, job.api(), job.clientToken()));
    }

    public Optional<Row> find(String account, String region, String jobId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM rekognition_video_jobs WHERE account = ? AND region = ? AND job_id = ?",
                SqlVideoJobs::row, account, region, jobId));
    }

    /** Forgets the results of an earlier, interrupted run of the job. */
    public void clearResults(String account, String region, String jobId) {
        db.write(c -> Sql.update(c, "DELETE FROM rekognition_video_results WHERE account = ? AND region = ? AND job_id = ?",
                account, region, jobId));
    }

    /** Appends items to a view of the job's results, numbered after those already there. */
    public void append(String account, String region, String jobId, String view, List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        db.write(c -> {
            int next = Sql.one(c, "SELECT COALESCE(MAX(seq), -1) FROM rekognition_video_results WHERE account = ? AND region = ? "
                    + "AND job_id = ? AND result_view = ?", rs -> rs.getInt(1), account, region, jobId, view).orElse(-1) + 1;
            for (Item i : items) {
                Sql.update(c, "INSERT INTO rekognition_video_results (account, region, job_id, result_view, seq, ts, sort_key, item) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", account, region, jobId, view, next++, i.timestampMillis(), i.sortKey(), i.json());
            }
            return null;
        });
    }

    /**
     * A page of a view's items.
     *
     * @param byKey true: ordered by sort key, then time; false: by time, then the order they were found
     */
    public List<String> items(String account, String region, String jobId, String view, boolean byKey, int offset, int limit) {
        String order = byKey ? "sort_key, ts, seq" : "ts, seq";
        return db.read(c -> Sql.list(c, "SELECT item FROM rekognition_video_results WHERE account = ? AND region = ? AND job_id = ? "
                + "AND result_view = ? ORDER BY " + order + " LIMIT ? OFFSET ?", rs -> rs.getString(1),
                account, region, jobId, view, limit, offset));
    }

    /** Records the probed metadata of a running job. */
    public void metadata(String account, String region, String jobId, String metadata) {
        db.write(c -> Sql.update(c, "UPDATE rekognition_video_jobs SET metadata = ? WHERE account = ? AND region = ? AND job_id = ?",
                metadata, account, region, jobId));
    }

    /** Ends an IN_PROGRESS job; false when it had ended already (another run finished it). */
    public boolean finish(String account, String region, String jobId, String status, String message, long finishedMs) {
        return db.write(c -> Sql.update(c, "UPDATE rekognition_video_jobs SET status = ?, status_message = ?, finished_ms = ? "
                + "WHERE account = ? AND region = ? AND job_id = ? AND status = 'IN_PROGRESS'",
                status, message, finishedMs, account, region, jobId) == 1);
    }

    private static Row row(ResultSet rs) throws SQLException {
        long finished = rs.getLong(9);
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getLong(8), rs.wasNull() ? null : finished);
    }
}
