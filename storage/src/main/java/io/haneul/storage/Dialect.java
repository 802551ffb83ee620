package io.haneul.storage;

/**
 * The SQL dialect behind a {@link Database}. Stores that need dialect-specific SQL (upserts,
 * {@code FOR UPDATE SKIP LOCKED}, types) switch on it; everything else should be written once.
 */
public enum Dialect {
    /** Embedded SQLite: one file in the data dir, one writer, WAL readers. The default. */
    SQLITE,
    /** PostgreSQL shared by one or more Haneul nodes. */
    POSTGRES
}
