package io.haneul.storage;

import java.nio.file.Path;
import java.time.Clock;

/** What a contract test needs from an implementation: fresh, empty databases to open (possibly twice, as two nodes). */
interface StorageBackend {

    /** A new empty database; {@code tempDir} is the test's own temporary directory. */
    Target newTarget(Path tempDir);

    /** Single-row inserts the throughput test performs. */
    int benchmarkWrites();

    /** A database that {@link Databases#open} can open any number of times, like nodes sharing it. */
    record Target(StorageConfig config, Path dataDir) {
        Database open(Clock clock) {
            return Databases.open(config, dataDir, clock);
        }
    }
}
