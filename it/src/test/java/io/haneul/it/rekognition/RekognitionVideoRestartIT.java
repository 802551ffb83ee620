package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.Video;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A video job survives a restart: the first server takes the job but runs none
 * ({@code --rekognition-video-parallel-jobs 0}, as a node that leaves jobs to others), so the job is
 * certainly IN_PROGRESS when it stops; a new server on the same data runs it from its durable scheduler
 * entry without being asked, and GetFaceDetection then answers its faces.
 */
class RekognitionVideoRestartIT {

    @Test
    void aJobStartedBeforeARestartRunsAfterIt() throws Exception {
        Path media = Files.createTempDirectory("rekognition-video-restart");
        Path dir;
        String jobId;
        try (TestServer first = TestServer.start(concat(RekognitionClients.MODEL_CACHE, "--rekognition-video-parallel-jobs", "0"));
             RekognitionClients c = new RekognitionClients(first)) {
            dir = first.dataDir();
            String bucket = c.bucket("kept-videos");
            c.s3.putObject(b -> b.bucket(bucket).key("scenes.mp4"), RequestBody.fromFile(TestVideo.make(media)));
            Video video = Video.builder().s3Object(o -> o.bucket(bucket).name("scenes.mp4")).build();
            jobId = c.rek.startFaceDetection(b -> b.video(video).jobTag("kept")).jobId();
            GetFaceDetectionResponse before = c.rek.getFaceDetection(b -> b.jobId(jobId));
            assertEquals(VideoJobStatus.IN_PROGRESS, before.jobStatus());
            assertTrue(before.faces().isEmpty());
            assertNull(before.videoMetadata());
        }
        try (TestServer second = TestServer.startIn(dir, Clock.systemUTC(), RekognitionClients.MODEL_CACHE[0],
                RekognitionClients.MODEL_CACHE[1], "--rekognition-video-fps", "1");
             RekognitionClients c = new RekognitionClients(second)) {
            GetFaceDetectionResponse after = RekognitionVideoIT.finished(() -> c.rek.getFaceDetection(b -> b.jobId(jobId)),
                    GetFaceDetectionResponse::jobStatus);
            assertEquals(VideoJobStatus.SUCCEEDED, after.jobStatus(), after.toString());
            assertEquals("kept", after.jobTag());
            assertFalse(after.faces().isEmpty());
            assertTrue(after.faces().stream().allMatch(f -> f.timestamp() < TestVideo.FACE_END_MS), after.faces().toString());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
