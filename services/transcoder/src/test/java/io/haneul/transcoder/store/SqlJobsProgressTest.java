package io.haneul.transcoder.store;

import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job's percent on SQLite: it only rises while the job is Progressing, and reaching Complete sets it to 100. */
class SqlJobsProgressTest {

    @TempDir
    Path dir;
    Database db;
    SqlJobs jobs;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(TranscoderSchema.COMPONENT, TranscoderSchema.MIGRATIONS);
        jobs = new SqlJobs(db);
        db.write(c -> {
            jobs.insert(c, new SqlJobs.Row("a", "r", "j", "p", "Submitted", 0, "{}"));
            return null;
        });
        assertTrue(jobs.replaceIf("a", "r", "j", "Submitted", "Progressing", "{}"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private int progress() {
        return jobs.find("a", "r", "j").orElseThrow().progress();
    }

    @Test
    void completingAJobSetsItsProgressToAHundredInTheSameUpdate() {
        jobs.progress("a", "r", "j", 40);
        assertTrue(jobs.replaceIf("a", "r", "j", "Progressing", "Complete", "{}"));
        assertEquals(100, progress());
    }

    @Test
    void anErrorKeepsTheProgressReached() {
        jobs.progress("a", "r", "j", 40);
        assertTrue(jobs.replaceIf("a", "r", "j", "Progressing", "Error", "{}"));
        assertEquals(40, progress());
    }

    @Test
    void progressNeverGoesBackwards() {
        jobs.progress("a", "r", "j", 60);
        jobs.progress("a", "r", "j", 10);
        assertEquals(60, progress());
        jobs.progress("a", "r", "j", 70);
        assertEquals(70, progress());
    }

    @Test
    void aStaleReportDoesNotTouchAFinishedJob() {
        jobs.progress("a", "r", "j", 30);
        assertTrue(jobs.replaceIf("a", "r", "j", "Progressing", "Error", "{}"));
        jobs.progress("a", "r", "j", 90);
        assertEquals(30, progress());
    }
}
