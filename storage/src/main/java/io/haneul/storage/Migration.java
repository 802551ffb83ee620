package io.haneul.storage;

import java.util.Objects;

/**
 * One versioned schema change of a component (a service or the scheduler), with the SQL for each
 * dialect. Versions are positive and unique within a component; {@link Database#migrate} applies
 * the pending ones in ascending order. Either SQL may hold several statements separated by
 * {@code ;}, and may be blank when the change does not apply to that dialect (the version is still
 * recorded).
 *
 * @param version     positive, unique within the component
 * @param description human-readable, recorded in {@code schema_migrations}
 * @param sqliteSql   SQL run on SQLite
 * @param postgresSql SQL run on PostgreSQL
 */
public record Migration(int version, String description, String sqliteSql, String postgresSql) {
    public Migration {
        if (version <= 0) {
            throw new IllegalArgumentException("migration version must be positive: " + version);
        }
        Objects.requireNonNull(description, "description");
    }

    /** A migration whose SQL is the same on both dialects. */
    public static Migration of(int version, String description, String sql) {
        return new Migration(version, description, sql, sql);
    }

    /** The SQL for the given dialect (may be null or blank). */
    public String sql(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqliteSql : postgresSql;
    }
}
