package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Sql;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlVideoJobsTest {

    @TempDir
    Path dir;
    Database db;
    SqlVideoJobs jobs;
    DurableScheduler scheduler;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        scheduler = new DurableScheduler(db, Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC));
        jobs = new SqlVideoJobs(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static SqlVideoJobs.Row job(String id, String token) {
        return new SqlVideoJobs.Row(id, "LABEL_DETECTION", token, "{}", "IN_PROGRESS", null, null, 1_000_000_000L, null);
    }

    long rows() {
        return db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM rekognition_video_jobs", rs -> rs.getLong(1)).orElseThrow());
    }

    @Test
    void aRepeatedTokenAnswersTheFirstJobAndStoresNoSecond() {
        assertEquals("job-1", jobs.createOrFind("a", "r", job("job-1", "t"), scheduler, "k", "{}").jobId());
        assertEquals("job-1", jobs.createOrFind("a", "r", job("job-2", "t"), scheduler, "k", "{}").jobId());
        assertEquals("job-3", jobs.createOrFind("a", "r2", job("job-3", "t"), scheduler, "k", "{}").jobId());
        assertEquals(2, rows());
    }

    /** The store itself refuses a second job with one token, whatever a racing caller checked before. */
    @Test
    void theTokenIsUniqueInTheStoreButNullTokensAreNot() {
        jobs.createOrFind("a", "r", job("job-1", "t"), scheduler, "k", "{}");
        jobs.createOrFind("a", "r", job("job-2", null), scheduler, "k", "{}");
        jobs.createOrFind("a", "r", job("job-3", null), scheduler, "k", "{}");
        assertEquals(3, rows());
        String insert = "INSERT INTO rekognition_video_jobs (account, region, job_id, api, client_token, request, status, created_ms) "
                + "VALUES ('a', 'r', ?, 'LABEL_DETECTION', 't', '{}', 'IN_PROGRESS', 0)";
        assertThrows(RuntimeException.class, () -> db.write(c -> Sql.update(c, insert, "job-4")));
        assertEquals(3, rows());
    }
}
