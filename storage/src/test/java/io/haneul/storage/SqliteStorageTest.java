package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.ResultSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The storage contracts on SQLite (a file in a temporary data dir), plus SQLite-only properties. */
class SqliteStorageTest {
    final StorageBackend backend = new StorageBackend() {
        @Override
        public Target newTarget(java.nio.file.Path tempDir) {
            return new Target(StorageConfig.parse("sqlite"), tempDir.resolve("data"));
        }

        @Override
        public int benchmarkWrites() {
            return 10_000;
        }
    };

    @Nested
    class DatabaseTests extends DatabaseContract {
        @Override
        StorageBackend backend() {
            return backend;
        }

        @Test
        void oneFileInTheDataDirInWalModeWithNormalSync() {
            assertTrue(Files.exists(target.dataDir().resolve("haneul.db")));
            assertEquals("wal", pragma("journal_mode"));
            assertEquals("1", pragma("synchronous")); // NORMAL
            assertEquals("10000", pragma("busy_timeout"));
        }

        private String pragma(String name) {
            return db.write(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
                    rs.next();
                    return rs.getString(1);
                }
            });
        }

        @Test
        void writeInsideAWriteIsRefusedInsteadOfDeadlocking() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> db.write(c -> db.write(inner -> null)));
            assertTrue(e.getMessage().contains("inside a write"));
        }

        @Test
        void readsCannotWrite() {
            assertThrows(StorageException.class, () -> db.read(c -> c.createStatement()
                    .executeUpdate("INSERT INTO items (id, v) VALUES (1, 'x')")));
        }
    }

    @Nested
    class MigrationTests extends MigrationContract {
        @Override
        StorageBackend backend() {
            return backend;
        }
    }

    @Nested
    class NotifierTests extends NotifierContract {
        @Override
        StorageBackend backend() {
            return backend;
        }
    }

    @Nested
    class SchedulerTests extends SchedulerContract {
        @Override
        StorageBackend backend() {
            return backend;
        }
    }
}
