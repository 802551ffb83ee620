package io.haneul.rekognition;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.rekognition.image.ImageLoader;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlMediaAnalysisJobs;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.storage.StepClock;
import io.haneul.storage.StorageException;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The job's way through its statuses, without S3: the storage is absent, so a job that runs fails INVALID_S3_OBJECT. */
class MediaAnalysisRunnerTest {

    static final String REQUEST = "{\"Input\":{\"S3Object\":{\"Bucket\":\"in\",\"Name\":\"m.jsonl\"}},"
            + "\"OperationsConfig\":{\"DetectModerationLabels\":{}},\"OutputConfig\":{\"S3Bucket\":\"out\"}}";

    @TempDir
    Path dir;
    Database db;
    final StepClock clock = new StepClock(Instant.parse("2026-12-07T12:00:00Z"));
    DurableScheduler scheduler;
    SqlMediaAnalysisJobs store;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        scheduler = new DurableScheduler(db, clock);
        store = new SqlMediaAnalysisJobs(db);
        store.createOrFind("a", "r", new SqlMediaAnalysisJobs.Row("job-1", null, REQUEST, "CREATED", null, null, null, null,
                clock.millis(), null), scheduler, MediaAnalysisJobs.SCHEDULER_KIND, payload());
    }

    @AfterEach
    void close() {
        scheduler.close();
        db.close();
    }

    static String payload() {
        return "{\"account\":\"a\",\"region\":\"r\",\"jobId\":\"job-1\"}";
    }

    MediaAnalysisRunner runner(int parallel) {
        Moderation moderation = new Moderation(new Images(new ImageLoader(Optional::empty)), (account, region, arn) -> "TRAINING_FAILED");
        return new MediaAnalysisRunner(store, scheduler, Optional::empty, moderation, clock, parallel);
    }

    static Job claim(int attempts) {
        return new Job("entry", MediaAnalysisJobs.SCHEDULER_KIND, "job-1", payload(), Instant.EPOCH, attempts, Job.State.PENDING, null);
    }

    SqlMediaAnalysisJobs.Row job() {
        return store.find("a", "r", "job-1").orElseThrow();
    }

    @Test
    void aClaimedJobWaitsQueuedForASlotAndIsPutBack() throws Exception {
        runner(0).handle(claim(1));
        assertEquals("QUEUED", job().status());
        assertEquals(2, scheduler.cancelByKey(MediaAnalysisJobs.SCHEDULER_KIND, "job-1")); // its own entry and the one put back
    }

    @Test
    void aJobThatRunsEndsOnceWithItsFailureCode() throws Exception {
        runner(1).handle(claim(1));
        SqlMediaAnalysisJobs.Row ended = job();
        assertEquals(List.of("FAILED", "INVALID_S3_OBJECT"), List.of(ended.status(), ended.failureCode()));
        assertEquals(clock.millis(), ended.completedMs());
        clock.advance(java.time.Duration.ofMinutes(1));
        runner(1).handle(claim(1));
        assertEquals(ended, job());
    }

    @Test
    void aJobInterruptedThreeTimesFailsWithAnInternalError() throws Exception {
        runner(1).handle(claim(MediaAnalysisRunner.MAX_RUNS + 1));
        assertEquals(List.of("FAILED", "INTERNAL_ERROR"), List.of(job().status(), job().failureCode()));
    }

    @Test
    void aStoppingNodePutsTheJobBackWithoutUsingUpItsRuns() throws Exception {
        MediaAnalysisRunner[] current = {runner(1)};
        scheduler.register(MediaAnalysisJobs.SCHEDULER_KIND, entry -> current[0].handle(entry));
        current[0].close();
        for (int i = 0; i <= MediaAnalysisRunner.MAX_RUNS; i++) {
            assertEquals(1, scheduler.runDueJobsNow());
            assertEquals("CREATED", job().status());
            clock.advance(JobSlots.SHUTDOWN_DELAY);
        }
        current[0] = runner(1);
        assertEquals(1, scheduler.runDueJobsNow());
        assertEquals(List.of("FAILED", "INVALID_S3_OBJECT"), List.of(job().status(), job().failureCode())); // it ran, not given up
    }

    MediaAnalysisRunner writingTo(ObjectStorage output) {
        Moderation moderation = new Moderation(new Images(new ImageLoader(Optional::empty)), (account, region, arn) -> "TRAINING_FAILED");
        return new MediaAnalysisRunner(store, scheduler, () -> Optional.of(output), moderation, clock, 1);
    }

    Job claimWithKey() {
        store.createOrFind("a", "r", new SqlMediaAnalysisJobs.Row("job-2", null, REQUEST.replace("{\"Input\"", "{\"KmsKeyId\":\"key-1\",\"Input\""),
                "CREATED", null, null, null, null, clock.millis(), null), scheduler, MediaAnalysisJobs.SCHEDULER_KIND, payload().replace("job-1", "job-2"));
        return new Job("entry-2", MediaAnalysisJobs.SCHEDULER_KIND, "job-2", payload().replace("job-1", "job-2"), Instant.EPOCH, 1, Job.State.PENDING, null);
    }

    @Test
    void resultsAreWrittenUnderTheJobsKmsKeyAndARefusedKeyFailsTheJob() throws Exception {
        RefusingOutput output = new RefusingOutput(() -> new ObjectStorage.ObjectStorageException("KMS.NotFoundException", "no such key"));
        writingTo(output).handle(claimWithKey());
        assertEquals(new ObjectStorage.ServerSideEncryption("aws:kms", "key-1"), output.asked);
        SqlMediaAnalysisJobs.Row ended = store.find("a", "r", "job-2").orElseThrow();
        assertEquals(List.of("FAILED", "INVALID_KMS_KEY"), List.of(ended.status(), ended.failureCode()));
    }

    @Test
    void aDatabaseErrorIsThrownForTheSchedulerToRetry() {
        assertThrows(StorageException.class, () -> writingTo(new RefusingOutput(() -> new StorageException("connection lost"))).handle(claim(1)));
        assertEquals("IN_PROGRESS", job().status());
    }

    @Test
    void anUnexpectedErrorFailsTheJobWithoutItsRawMessage() throws Exception {
        writingTo(new RefusingOutput(() -> new IllegalStateException("secret internals"))).handle(claim(1));
        assertEquals(List.of("FAILED", "INTERNAL_ERROR", "Amazon Rekognition experienced a service issue."),
                List.of(job().status(), job().failureCode(), job().failureMessage()));
    }

    @Test
    void outputKeysSitUnderThePrefixAndJobId() {
        assertEquals("runs/j/results/results.jsonl", MediaAnalysisRunner.outputKey("runs", "j", MediaAnalysisRunner.RESULTS));
        assertEquals("runs/j/results/manifest-summary.json", MediaAnalysisRunner.outputKey("runs/", "j", MediaAnalysisRunner.SUMMARY));
        assertEquals("j/results/results.jsonl", MediaAnalysisRunner.outputKey(null, "j", MediaAnalysisRunner.RESULTS));
    }
}
