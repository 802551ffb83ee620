package io.haneul.sagemaker.training;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Training jobs and their log lines. Status changes are compare-and-set on the status column, so a
 * StopTrainingJob and the runner (on any node) cannot both win.
 */
final class SqlTrainingJobs {

    record Row(String account, String region, String name, String status, long createdMs, long modifiedMs, String tuningJob, String doc) {
    }

    record LogLine(int seq, long atMs, String message) {
    }

    /** What ListTrainingJobs narrows by; null members do not narrow. */
    record Filter(String nameContains, String status, Long createdAfter, Long createdBefore, Long modifiedAfter, Long modifiedBefore,
                  String tuningJob) {
    }

    private static final String COLUMNS = "account, region, name, status, created_ms, modified_ms, tuning_job, doc";

    private final Database db;

    SqlTrainingJobs(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    /** Inserts inside the caller's transaction; false when the name is taken. */
    boolean insert(Connection c, Row row) throws SQLException {
        if (Sql.one(c, "SELECT name FROM sagemaker_training_jobs WHERE account = ? AND region = ? AND name = ?", rs -> rs.getString(1),
                row.account(), row.region(), row.name()).isPresent()) {
            return false;
        }
        Sql.update(c, "INSERT INTO sagemaker_training_jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row.account(), row.region(),
                row.name(), row.status(), row.createdMs(), row.modifiedMs(), row.tuningJob(), row.doc());
        return true;
    }

    Optional<Row> find(String account, String region, String name) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM sagemaker_training_jobs WHERE account = ? AND region = ? AND name = ?",
                SqlTrainingJobs::row, account, region, name));
    }

    /** Replaces the document and status when the status is still {@code expected}; false otherwise. */
    boolean replaceIf(String account, String region, String name, String expected, String status, long modifiedMs, String doc) {
        return db.write(c -> Sql.update(c, "UPDATE sagemaker_training_jobs SET status = ?, modified_ms = ?, doc = ? "
                + "WHERE account = ? AND region = ? AND name = ? AND status = ?", status, modifiedMs, doc, account, region, name, expected)) == 1;
    }

    /** Every job matching the filter (the caller sorts and pages: an account's jobs fit in memory). */
    List<Row> list(String account, String region, Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sagemaker_training_jobs WHERE account = ? AND region = ?");
        List<Object> args = new ArrayList<>(List.of(account, region));
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status());
        }
        if (f.createdAfter() != null) {
            sql.append(" AND created_ms > ?");
            args.add(f.createdAfter());
        }
        if (f.createdBefore() != null) {
            sql.append(" AND created_ms < ?");
            args.add(f.createdBefore());
        }
        if (f.modifiedAfter() != null) {
            sql.append(" AND modified_ms > ?");
            args.add(f.modifiedAfter());
        }
        if (f.modifiedBefore() != null) {
            sql.append(" AND modified_ms < ?");
            args.add(f.modifiedBefore());
        }
        if (f.tuningJob() != null) {
            sql.append(" AND tuning_job = ?");
            args.add(f.tuningJob());
        }
        List<Row> rows = db.read(c -> Sql.list(c, sql.toString(), SqlTrainingJobs::row, args.toArray()));
        if (f.nameContains() == null) {
            return rows;
        }
        String needle = f.nameContains().toLowerCase(java.util.Locale.ROOT);
        return rows.stream().filter(r -> r.name().toLowerCase(java.util.Locale.ROOT).contains(needle)).toList();
    }

    void appendLog(String account, String region, String job, int seq, long atMs, String message) {
        db.write(c -> Sql.update(c, "INSERT INTO sagemaker_training_logs (account, region, job, seq, at_ms, message) VALUES (?, ?, ?, ?, ?, ?)",
                account, region, job, seq, atMs, message));
    }

    void saveObjectiveSeries(String account, String region, String tuningJob, String job, String series) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM sagemaker_objective_series WHERE account = ? AND region = ? AND job = ?", account, region, job);
            return Sql.update(c, "INSERT INTO sagemaker_objective_series (account, region, tuning_job, job, series) VALUES (?, ?, ?, ?, ?)",
                    account, region, tuningJob, job, series);
        });
    }

    List<String> objectiveSeries(String account, String region, String tuningJob) {
        return db.read(c -> Sql.list(c, "SELECT series FROM sagemaker_objective_series WHERE account = ? AND region = ? AND tuning_job = ?"
                + " ORDER BY job", rs -> rs.getString(1), account, region, tuningJob));
    }

    int lastLogSeq(String account, String region, String job) {
        return db.read(c -> Sql.one(c, "SELECT MAX(seq) FROM sagemaker_training_logs WHERE account = ? AND region = ? AND job = ?",
                rs -> rs.getInt(1), account, region, job)).orElse(0);
    }

    List<LogLine> logs(String account, String region, String job, int afterSeq, int limit) {
        return db.read(c -> Sql.list(c, "SELECT seq, at_ms, message FROM sagemaker_training_logs WHERE account = ? AND region = ? AND job = ? "
                + "AND seq > ? ORDER BY seq LIMIT ?", rs -> new LogLine(rs.getInt(1), rs.getLong(2), rs.getString(3)),
                account, region, job, afterSeq, limit));
    }

    /** The accounts and regions holding a job of this name (for the logs route, which knows only the viewer's accounts). */
    List<Row> byName(String name) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM sagemaker_training_jobs WHERE name = ?", SqlTrainingJobs::row, name));
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
                rs.getString(8));
    }
}
