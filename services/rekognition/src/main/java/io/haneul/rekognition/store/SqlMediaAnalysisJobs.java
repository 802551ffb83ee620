package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Bulk media analysis jobs in SQL. A job is created with its scheduler entry in one transaction, so an
 * acknowledged Start always runs; every change of status names the status it leaves, so a run that
 * lost the job to another node (or found it finished) changes nothing.
 */
public final class SqlMediaAnalysisJobs {

    /** One job as stored: the Start request as JSON (without its token), where it stands and where its output went. */
    public record Row(String jobId, String clientToken, String request, String status, String failureCode, String failureMessage,
                      String resultsKey, String summaryKey, long createdMs, Long completedMs) {
    }

    private static final String COLUMNS = "job_id, client_token, request, status, failure_code, failure_message, results_key, "
            + "summary_key, created_ms, completed_ms";

    private final Database db;

    public SqlMediaAnalysisJobs(Database db) {
        this.db = db;
    }

    /**
     * Stores the job and schedules its run, unless the account has a job with the same client token:
     * then that job is answered and nothing is stored (the unique token index decides between racing Starts).
     */
    public Row createOrFind(String account, String region, Row job, DurableScheduler scheduler, String kind, String payload) {
        return ScheduledStarts.createOrFind(db, scheduler, job, job.jobId(), job.clientToken(), job.createdMs(), kind, payload,
                c -> Sql.update(c, "INSERT INTO rekognition_media_analysis_jobs (account, region, " + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, client_token) DO NOTHING",
                        account, region, job.jobId(), job.clientToken(), job.request(), job.status(), job.failureCode(), job.failureMessage(),
                        job.resultsKey(), job.summaryKey(), job.createdMs(), job.completedMs()),
                c -> byToken(c, account, region, job.clientToken()));
    }

    /** The job an earlier Start with this ClientRequestToken stored, if any. */
    public Optional<Row> findByToken(String account, String region, String clientToken) {
        return db.read(c -> byToken(c, account, region, clientToken));
    }

    private static Optional<Row> byToken(java.sql.Connection c, String account, String region, String clientToken) throws java.sql.SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM rekognition_media_analysis_jobs WHERE account = ? AND region = ? "
                + "AND client_token = ?", SqlMediaAnalysisJobs::row, account, region, clientToken);
    }

    public Optional<Row> find(String account, String region, String jobId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM rekognition_media_analysis_jobs WHERE account = ? AND region = ? "
                + "AND job_id = ?", SqlMediaAnalysisJobs::row, account, region, jobId));
    }

    /**
     * Up to {@code limit} jobs, newest first (then by id), after the job {@code afterId} created at {@code afterMs}
     * (both null: from the newest).
     */
    public List<Row> list(String account, String region, Long afterMs, String afterId, int limit) {
        if (afterMs == null) {
            return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM rekognition_media_analysis_jobs WHERE account = ? AND region = ? "
                    + "ORDER BY created_ms DESC, job_id LIMIT ?", SqlMediaAnalysisJobs::row, account, region, limit));
        }
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM rekognition_media_analysis_jobs WHERE account = ? AND region = ? "
                + "AND (created_ms < ? OR (created_ms = ? AND job_id > ?)) ORDER BY created_ms DESC, job_id LIMIT ?",
                SqlMediaAnalysisJobs::row, account, region, afterMs, afterMs, afterId, limit));
    }

    /** Moves the job from {@code from} to {@code to}; false when it was not in {@code from}. */
    public boolean advance(String account, String region, String jobId, String from, String to) {
        return db.write(c -> Sql.update(c, "UPDATE rekognition_media_analysis_jobs SET status = ? WHERE account = ? AND region = ? "
                + "AND job_id = ? AND status = ?", to, account, region, jobId, from) == 1);
    }

    /** Ends a job that has not ended: SUCCEEDED with its output keys, or FAILED with a code and message. */
    public boolean finish(String account, String region, String jobId, String status, String failureCode, String failureMessage,
                          String resultsKey, String summaryKey, long completedMs) {
        return db.write(c -> Sql.update(c, "UPDATE rekognition_media_analysis_jobs SET status = ?, failure_code = ?, failure_message = ?, "
                + "results_key = ?, summary_key = ?, completed_ms = ? WHERE account = ? AND region = ? AND job_id = ? "
                + "AND status IN ('CREATED', 'QUEUED', 'IN_PROGRESS')", status, failureCode, failureMessage, resultsKey, summaryKey,
                completedMs, account, region, jobId) == 1);
    }

    private static Row row(ResultSet rs) throws SQLException {
        long completed = rs.getLong(10);
        Long completedMs = rs.wasNull() ? null : completed; // before the other columns are read: wasNull names the last one read
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getLong(9), completedMs);
    }
}
