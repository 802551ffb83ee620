package io.haneul.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL behind {@link DurableScheduler}: table {@code scheduled_jobs}, times in epoch millis.
 * A job is claimable when pending, due and not under a live lease; claiming sets the lease owner
 * and expiry and counts the attempt, atomically ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL so
 * that nodes claim disjoint jobs; one UPDATE…RETURNING under SQLite's single writer). Completion,
 * retry and death only apply while the caller still holds the lease.
 */
final class JobStore {
    static final String COMPONENT = "scheduler";
    static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "scheduled_jobs table", """
            CREATE TABLE scheduled_jobs (
              id VARCHAR(64) PRIMARY KEY,
              kind VARCHAR(200) NOT NULL,
              job_key VARCHAR(1024) NOT NULL,
              payload TEXT,
              run_at BIGINT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              state VARCHAR(16) NOT NULL,
              lease_owner VARCHAR(64),
              lease_until BIGINT,
              last_error TEXT,
              created_at BIGINT NOT NULL);
            CREATE INDEX scheduled_jobs_due ON scheduled_jobs (state, run_at);
            CREATE INDEX scheduled_jobs_key ON scheduled_jobs (kind, job_key);
            CREATE INDEX scheduled_jobs_lease ON scheduled_jobs (lease_until);
            CREATE INDEX scheduled_jobs_owner ON scheduled_jobs (lease_owner)"""));
    private static final String COLUMNS = "id, kind, job_key, payload, run_at, attempts, state, last_error";
    private static final String CLAIMABLE = "state = 'PENDING' AND run_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";

    private final Database db;

    JobStore(Database db) {
        this.db = db;
        db.migrate(COMPONENT, MIGRATIONS);
    }

    void insert(Connection c, String id, String kind, String key, String payload, long runAt, long now)
            throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO scheduled_jobs "
                + "(id, kind, job_key, payload, run_at, attempts, state, created_at) VALUES (?, ?, ?, ?, ?, 0, 'PENDING', ?)")) {
            ins.setString(1, id);
            ins.setString(2, kind);
            ins.setString(3, key);
            ins.setString(4, payload);
            ins.setLong(5, runAt);
            ins.setLong(6, now);
            ins.executeUpdate();
        }
    }

    boolean cancel(Connection c, String id) throws SQLException {
        return update(c, "DELETE FROM scheduled_jobs WHERE id = ? AND state = 'PENDING'", id) > 0;
    }

    int cancelByKey(String kind, String key) {
        return db.write(c -> update(c, "DELETE FROM scheduled_jobs WHERE kind = ? AND job_key = ? AND state = 'PENDING'",
                kind, key));
    }

    List<Job> claim(String owner, Collection<String> kinds, long now, long leaseUntil, int limit) {
        if (kinds.isEmpty() || limit <= 0) {
            return List.of();
        }
        String select = "SELECT id FROM scheduled_jobs WHERE " + CLAIMABLE + " AND kind IN (" + placeholders(kinds.size())
                + ") ORDER BY run_at LIMIT ?";
        String sql = db.dialect() == Dialect.POSTGRES
                ? "WITH due AS (" + select + " FOR UPDATE SKIP LOCKED) UPDATE scheduled_jobs j SET lease_owner = ?, "
                  + "lease_until = ?, attempts = j.attempts + 1 FROM due WHERE j.id = due.id RETURNING "
                  + COLUMNS.replaceAll("(\\w+)", "j.$1")
                : "UPDATE scheduled_jobs SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE id IN ("
                  + select + ") RETURNING " + COLUMNS;
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (db.dialect() == Dialect.SQLITE) {
                    ps.setString(i++, owner);
                    ps.setLong(i++, leaseUntil);
                }
                ps.setLong(i++, now);
                ps.setLong(i++, now);
                for (String kind : kinds) {
                    ps.setString(i++, kind);
                }
                ps.setInt(i++, limit);
                if (db.dialect() == Dialect.POSTGRES) {
                    ps.setString(i++, owner);
                    ps.setLong(i, leaseUntil);
                }
                List<Job> jobs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(job(rs));
                    }
                }
                return jobs;
            }
        });
    }

    /** Deletes a finished job if this owner still holds it. */
    boolean complete(String id, String owner) {
        return db.write(c -> update(c, "DELETE FROM scheduled_jobs WHERE id = ? AND lease_owner = ?", id, owner)) > 0;
    }

    boolean retry(String id, String owner, long runAt, String error) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_jobs SET run_at = ?, lease_owner = NULL, "
                    + "lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?")) {
                ps.setLong(1, runAt);
                ps.setString(2, error);
                ps.setString(3, id);
                ps.setString(4, owner);
                return ps.executeUpdate();
            }
        }) > 0;
    }

    boolean markDead(String id, String owner, String error) {
        return db.write(c -> update(c, "UPDATE scheduled_jobs SET state = 'DEAD', lease_owner = NULL, lease_until = NULL, "
                + "last_error = ? WHERE id = ? AND lease_owner = ?", error, id, owner)) > 0;
    }

    /** Extends this owner's leases on the given (running) jobs. */
    int renew(String owner, Collection<String> ids, long leaseUntil) {
        if (ids.isEmpty()) {
            return 0;
        }
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_jobs SET lease_until = ? WHERE lease_owner = ? "
                    + "AND state = 'PENDING' AND id IN (" + placeholders(ids.size()) + ")")) {
                ps.setLong(1, leaseUntil);
                ps.setString(2, owner);
                int i = 3;
                for (String id : ids) {
                    ps.setString(i++, id);
                }
                return ps.executeUpdate();
            }
        });
    }

    /** When the earliest job of these kinds becomes claimable (possibly in the past), if any. */
    OptionalLong nextClaimable(Collection<String> kinds) {
        if (kinds.isEmpty()) {
            return OptionalLong.empty();
        }
        String in = " AND kind IN (" + placeholders(kinds.size()) + ")";
        return db.read(c -> {
            OptionalLong unleased = firstLong(c, "SELECT run_at FROM scheduled_jobs WHERE state = 'PENDING' "
                    + "AND lease_until IS NULL" + in + " ORDER BY run_at LIMIT 1", kinds);
            OptionalLong leased = firstLong(c, "SELECT lease_until FROM scheduled_jobs WHERE state = 'PENDING' "
                    + "AND lease_until IS NOT NULL" + in + " ORDER BY lease_until LIMIT 1", kinds);
            if (unleased.isEmpty()) {
                return leased;
            }
            return leased.isEmpty() ? unleased : OptionalLong.of(Math.min(unleased.getAsLong(), leased.getAsLong()));
        });
    }

    Optional<Job> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_jobs WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.<Job>empty();
                }
            }
        });
    }

    private static OptionalLong firstLong(Connection c, String sql, Collection<String> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String p : params) {
                ps.setString(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static int update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6), Job.State.valueOf(rs.getString(7)), rs.getString(8));
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
