package io.haneul.it.transcoder;

import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.haneul.it.transcoder.TranscoderClients.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server stopped while a job is Progressing kills its FFmpeg and leaves the job to the durable
 * scheduler: the server started again on the same data directory runs it from the start to Complete,
 * and the output is in S3.
 */
class TranscoderRestartIT {

    static final String GENERIC_320 = "1351620000001-000061";

    @Test
    void progressingJobRunsAgainAfterRestart() throws Exception {
        MutableClock clock = new MutableClock();
        Path media = Files.createTempDirectory("transcoder-restart");
        Path clip = TestMedia.clip(media, 90);
        TestServer first = TestServer.start(clock, "--transcoder-parallel-jobs", "1");
        Path dataDir = first.dataDir();
        String jobId;
        try (TranscoderClients c = new TranscoderClients(first)) {
            String in = c.bucket("restart-in");
            String out = c.bucket("restart-out");
            c.s3.putObject(b -> b.bucket(in).key("long.mp4"), RequestBody.fromFile(clip));
            Pipeline p = c.et.createPipeline(b -> b.name("restart").inputBucket(in).outputBucket(out).role(ROLE)).pipeline();
            jobId = c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("long.mp4"))
                    .output(o -> o.key("long-320.mp4").presetId(GENERIC_320))).job().id();
            String id = jobId;
            awaitStatus(c, id, "Progressing");
        }
        first.close();

        clock.advance(Duration.ofMinutes(2)); // past the lease, in case the stop could not record the retry
        try (TestServer second = TestServer.startIn(dataDir, clock, "--transcoder-parallel-jobs", "1");
             TranscoderClients c = new TranscoderClients(second)) {
            Job done = awaitStatus(c, jobId, "Complete");
            assertEquals("Complete", done.outputs().getFirst().status());
            assertEquals(90L, done.outputs().getFirst().duration());
            String out = c.s3.listBuckets().buckets().stream().map(b -> b.name()).filter(n -> n.startsWith("restart-out")).findFirst()
                    .orElseThrow();
            assertTrue(c.s3.headObject(b -> b.bucket(out).key("long-320.mp4")).contentLength() > 0);
        }
    }

    private static Job awaitStatus(TranscoderClients c, String id, String status) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Job job = c.et.readJob(b -> b.id(id)).job();
            if (job.status().equals(status)) {
                return job;
            }
            if (!job.status().equals("Submitted") && !job.status().equals("Progressing")) {
                throw new AssertionError("job ended " + job.status() + ": " + job);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + id + " never reached " + status);
    }
}
