package io.haneul.it.transcoder;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.haneul.it.transcoder.TranscoderClients.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL database (and one S3 blob directory): jobs submitted through node A to a
 * paused pipeline are run by node B once A is gone and the pipeline is activated through B, and their
 * outputs are read back through B.
 */
class TranscoderTwoNodesPostgresIT {

    static final String MP3_128 = "1351620000001-300040";

    @Test
    void jobsStoredByOneNodeRunOnTheOther() throws Exception {
        String storage = SharedPostgres.newDatabase("haneul_transcoder_nodes");
        Path blobs = Files.createTempDirectory("transcoder-blobs");
        Path clip = TestMedia.clip(Files.createTempDirectory("transcoder-nodes"), 2);
        String[] options = {"--storage", storage, "--s3-blob-dir", blobs.toString(), "--services", "elastictranscoder,s3,sns,sqs"};
        try (TestServer b = TestServer.start(options); TranscoderClients onB = new TranscoderClients(b)) {
            Pipeline p;
            String first;
            String second;
            String out;
            try (TestServer a = TestServer.start(options); TranscoderClients onA = new TranscoderClients(a)) {
                String in = onA.bucket("nodes-in");
                out = onA.bucket("nodes-out");
                onA.s3.putObject(r -> r.bucket(in).key("clip.mp4"), RequestBody.fromFile(clip));
                p = onA.et.createPipeline(r -> r.name("nodes").inputBucket(in).outputBucket(out).role(ROLE)).pipeline();
                onA.et.updatePipelineStatus(r -> r.id(p.id()).status("Paused"));
                first = onA.et.createJob(r -> r.pipelineId(p.id()).input(i -> i.key("clip.mp4")).output(o -> o.key("one.mp3").presetId(MP3_128)))
                        .job().id();
                second = onA.et.createJob(r -> r.pipelineId(p.id()).input(i -> i.key("clip.mp4")).output(o -> o.key("two.mp3").presetId(MP3_128)))
                        .job().id();
            }
            assertEquals("Submitted", onB.et.readJob(r -> r.id(first)).job().status());
            onB.et.updatePipelineStatus(r -> r.id(p.id()).status("Active"));
            for (String id : new String[] {first, second}) {
                Job done = JobNotifications.awaitFinished(onB, id);
                assertEquals("Complete", done.status(), done.toString());
            }
            String bucket = out;
            assertTrue(onB.s3.headObject(r -> r.bucket(bucket).key("one.mp3")).contentLength() > 0);
            assertTrue(onB.s3.headObject(r -> r.bucket(bucket).key("two.mp3")).contentLength() > 0);
        }
    }
}
