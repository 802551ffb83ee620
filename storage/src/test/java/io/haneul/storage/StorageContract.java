package io.haneul.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the contract suites: a fresh database per test, a test clock, and cleanup of what a test opened. */
abstract class StorageContract {
    @TempDir
    Path tempDir;
    protected final StepClock clock = new StepClock(Instant.parse("2030-01-01T00:00:00Z"));
    protected StorageBackend.Target target;
    protected Database db;
    private final List<AutoCloseable> opened = new ArrayList<>();

    abstract StorageBackend backend();

    @BeforeEach
    void openDatabase() {
        target = backend().newTarget(tempDir);
        db = openNode();
    }

    /** Opens the test's database again, as another node would. */
    protected Database openNode() {
        return closeLater(target.open(clock));
    }

    protected <T extends AutoCloseable> T closeLater(T resource) {
        opened.add(resource);
        return resource;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }
}
