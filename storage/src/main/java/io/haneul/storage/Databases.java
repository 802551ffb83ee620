package io.haneul.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Opens the {@link Database} that a {@link StorageConfig} names, so that the server's wiring is
 * the only place that knows which implementation runs.
 */
public final class Databases {
    /** SQLite read-only connections kept for concurrent reads. */
    public static final int SQLITE_READERS = 4;
    /** Largest PostgreSQL connection pool per node. */
    public static final int POSTGRES_POOL_SIZE = 16;

    private Databases() {
    }

    /** Opens the database with the system UTC clock. */
    public static Database open(StorageConfig config, Path dataDir) {
        return open(config, dataDir, Clock.systemUTC());
    }

    /**
     * Opens the database: for SQLite, {@code dataDir/haneul.db} (the directory is created if
     * needed); for PostgreSQL, a connection pool ({@code dataDir} is not used).
     *
     * @param clock stamps {@code schema_migrations.applied_at}
     */
    public static Database open(StorageConfig config, Path dataDir, Clock clock) {
        Objects.requireNonNull(config, "config");
        return switch (config) {
            case StorageConfig.Sqlite sqlite -> {
                Objects.requireNonNull(dataDir, "dataDir");
                try {
                    Files.createDirectories(dataDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create data dir " + dataDir, e);
                }
                yield new SqliteDatabase(sqlite.databaseFile(dataDir), clock, SQLITE_READERS);
            }
            case StorageConfig.Postgres postgres -> new PostgresDatabase(postgres, clock, POSTGRES_POOL_SIZE);
        };
    }
}
