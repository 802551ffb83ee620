package io.haneul.sagemaker.training;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Hyperparameter tuning jobs: the DescribeHyperParameterTuningJob document with status and times as columns (status compare-and-set). */
final class SqlTuningJobs {

    record Row(String account, String region, String name, String status, long createdMs, long modifiedMs, String doc) {
    }

    private static final String COLUMNS = "account, region, name, status, created_ms, modified_ms, doc";

    private final Database db;

    SqlTuningJobs(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    boolean insert(Connection c, Row row) throws SQLException {
        if (Sql.one(c, "SELECT name FROM sagemaker_tuning_jobs WHERE account = ? AND region = ? AND name = ?", rs -> rs.getString(1),
                row.account(), row.region(), row.name()).isPresent()) {
            return false;
        }
        Sql.update(c, "INSERT INTO sagemaker_tuning_jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", row.account(), row.region(),
                row.name(), row.status(), row.createdMs(), row.modifiedMs(), row.doc());
        return true;
    }

    Optional<Row> find(String account, String region, String name) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM sagemaker_tuning_jobs WHERE account = ? AND region = ? AND name = ?",
                SqlTuningJobs::row, account, region, name));
    }

    /**
     * The tuning job of an ARN, which holds the name in lower case: the name itself when it has no capitals (a key lookup),
     * else the one name that matches it whatever the case.
     */
    Optional<Row> findByArnName(String account, String region, String lowerCaseName) {
        Optional<Row> exact = find(account, region, lowerCaseName);
        return exact.isPresent() ? exact : db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM sagemaker_tuning_jobs WHERE account = ? "
                + "AND region = ? AND LOWER(name) = ?", SqlTuningJobs::row, account, region, lowerCaseName));
    }

    boolean replaceIf(String account, String region, String name, String expected, String status, long modifiedMs, String doc) {
        return db.write(c -> Sql.update(c, "UPDATE sagemaker_tuning_jobs SET status = ?, modified_ms = ?, doc = ? "
                + "WHERE account = ? AND region = ? AND name = ? AND status = ?", status, modifiedMs, doc, account, region, name, expected)) == 1;
    }

    List<Row> all(String account, String region) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM sagemaker_tuning_jobs WHERE account = ? AND region = ?",
                SqlTuningJobs::row, account, region));
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7));
    }
}
