package io.haneul.it.rekognition;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Video jobs and request tokens on PostgreSQL: a segment job's results paged one by one, a token
 * answering the first job, a video of another format FAILED, and user-operation tokens. (The
 * model-driven analyses are {@link RekognitionVideoIT}'s; the store under them is the one tested here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionVideoPostgresIT {

    TestServer server;
    RekognitionClients c;
    Video video;
    Video webm;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("rekognition-video-pg");
        server = TestServer.start(RekognitionClients.MODEL_CACHE[0], RekognitionClients.MODEL_CACHE[1],
                "--storage", SharedPostgres.newDatabase("haneul_rekognition_video"));
        c = new RekognitionClients(server);
        String bucket = c.bucket("pg-videos");
        c.s3.putObject(b -> b.bucket(bucket).key("scenes.mp4"), RequestBody.fromFile(TestVideo.make(dir)));
        c.s3.putObject(b -> b.bucket(bucket).key("clip.webm"), RequestBody.fromFile(TestVideo.webm(dir)));
        video = Video.builder().s3Object(o -> o.bucket(bucket).name("scenes.mp4")).build();
        webm = Video.builder().s3Object(o -> o.bucket(bucket).name("clip.webm")).build();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void segmentsArePagedFromTheSharedStore() throws Exception {
        String jobId = c.rek.startSegmentDetection(b -> b.video(video).segmentTypes(SegmentType.SHOT, SegmentType.TECHNICAL_CUE)
                .clientRequestToken("pg-segments")).jobId();
        assertEquals(jobId, c.rek.startSegmentDetection(b -> b.video(video).segmentTypes(SegmentType.SHOT, SegmentType.TECHNICAL_CUE)
                .clientRequestToken("pg-segments")).jobId());
        GetSegmentDetectionResponse all = RekognitionVideoIT.finished(() -> c.rek.getSegmentDetection(b -> b.jobId(jobId)),
                GetSegmentDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, all.jobStatus(), all.toString());
        assertEquals(5, all.segments().size(), all.segments().toString());
        List<SegmentDetection> paged = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetSegmentDetectionResponse page = c.rek.getSegmentDetection(b -> b.jobId(jobId).maxResults(1).nextToken(t));
            assertEquals(1, page.segments().size());
            paged.addAll(page.segments());
            token = page.nextToken();
        } while (token != null);
        assertEquals(all.segments(), paged);
        List<Long> starts = paged.stream().map(SegmentDetection::startTimestampMillis).toList();
        assertEquals(starts.stream().sorted().toList(), starts);
    }

    @Test
    void anotherFormatFails() throws Exception {
        String jobId = c.rek.startTextDetection(b -> b.video(webm)).jobId();
        GetTextDetectionResponse r = RekognitionVideoIT.finished(() -> c.rek.getTextDetection(b -> b.jobId(jobId)),
                GetTextDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.FAILED, r.jobStatus());
        assertEquals("Unsupported codec/format.", r.statusMessage());
    }

    @Test
    void userTokensAreKeptInTheSharedStore() {
        c.rek.createCollection(b -> b.collectionId("pg-tokens"));
        c.rek.createUser(b -> b.collectionId("pg-tokens").userId("ada").clientRequestToken("pg-create"));
        c.rek.createUser(b -> b.collectionId("pg-tokens").userId("ada").clientRequestToken("pg-create"));
        expectError("IdempotentParameterMismatchException", 400,
                () -> c.rek.createUser(b -> b.collectionId("pg-tokens").userId("eve").clientRequestToken("pg-create")));
        assertTrue(c.rek.listUsers(b -> b.collectionId("pg-tokens")).users().size() == 1);
    }
}
