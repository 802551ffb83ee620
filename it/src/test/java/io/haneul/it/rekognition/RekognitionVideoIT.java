package io.haneul.it.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.model.*;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored-video analysis end to end on a video FFmpeg makes for the test ({@link TestVideo}: a face for
 * 3 s, words for 2 s, 1 s of black, 2 s of orange): faces, labels and people only while the portrait
 * shows, the words read while they show, shots cut and the black section found where they are, a face
 * found in a collection; VideoMetadata from ffprobe, paging, SortBy and AggregateBy, ClientRequestToken
 * idempotency, AWS's errors, a FAILED job for a format Rekognition Video refuses, and the completion
 * notice reaching an SQS queue subscribed to the NotificationChannel's topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionVideoIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    RekognitionClients c;
    SnsClient sns;
    SqsClient sqs;
    String bucket;
    Video video;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("rekognition-video");
        // one frame a second keeps the class short: 8 frames a job, 3 of them on the portrait
        server = TestServer.start(RekognitionClients.MODEL_CACHE[0], RekognitionClients.MODEL_CACHE[1], "--rekognition-video-fps", "1");
        c = new RekognitionClients(server);
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(RekognitionClients.ACCOUNT, "secret"));
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        bucket = c.bucket("videos");
        c.s3.putObject(b -> b.bucket(bucket).key("scenes.mp4"), RequestBody.fromFile(TestVideo.make(dir)));
        c.s3.putObject(b -> b.bucket(bucket).key("clip.webm"), RequestBody.fromFile(TestVideo.webm(dir)));
        video = Video.builder().s3Object(o -> o.bucket(bucket).name("scenes.mp4")).build();
    }

    @AfterAll
    void stop() throws Exception {
        sns.close();
        sqs.close();
        c.close();
        server.close();
    }

    /** Asks until the job is no longer IN_PROGRESS (the jobs run in the background). */
    static <T> T finished(Supplier<T> get, java.util.function.Function<T, VideoJobStatus> status) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            T r = get.get();
            if (status.apply(r) != VideoJobStatus.IN_PROGRESS) {
                return r;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the job did not finish");
    }

    @Test
    void facesShowWhileThePortraitDoesWithTheVideosMetadata() throws Exception {
        String jobId = c.rek.startFaceDetection(b -> b.video(video).faceAttributes(FaceAttributes.ALL).jobTag("faces")).jobId();
        GetFaceDetectionResponse r = finished(() -> c.rek.getFaceDetection(b -> b.jobId(jobId)), GetFaceDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, r.jobStatus(), r.toString());
        VideoMetadata m = r.videoMetadata();
        assertEquals("h264", m.codec());
        assertEquals("QuickTime / MOV", m.format());
        assertEquals(640L, m.frameWidth());
        assertEquals(360L, m.frameHeight());
        assertEquals(25f, m.frameRate(), 0.01);
        assertTrue(Math.abs(m.durationMillis() - TestVideo.DURATION_MS) <= 100, m.toString());
        assertEquals(VideoColorRange.LIMITED, m.colorRange());
        assertEquals("faces", r.jobTag());
        assertEquals(jobId, r.jobId());
        assertEquals("scenes.mp4", r.video().s3Object().name());
        List<Long> times = r.faces().stream().map(FaceDetection::timestamp).distinct().toList();
        assertTrue(times.size() >= 3, "faces at " + times);
        assertTrue(times.stream().allMatch(t -> t < TestVideo.FACE_END_MS), "faces at " + times);
        FaceDetail face = r.faces().getFirst().face();
        assertNotNull(face.ageRange(), face.toString());
        assertTrue(face.boundingBox().left() > 0.15f && face.boundingBox().left() < 0.6f, face.boundingBox().toString());

        List<FaceDetection> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetFaceDetectionResponse page = c.rek.getFaceDetection(b -> b.jobId(jobId).maxResults(2).nextToken(t));
            assertTrue(page.faces().size() <= 2);
            paged.addAll(page.faces());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(r.faces(), paged);
        assertTrue(pages >= 2);
        expectError("InvalidPaginationTokenException", 400, () -> c.rek.getFaceDetection(b -> b.jobId(jobId).nextToken("bm90LWEtdG9rZW4")));
    }

    @Test
    void labelsByTimestampNameAndSegment() throws Exception {
        String jobId = c.rek.startLabelDetection(b -> b.video(video).minConfidence(40f)).jobId();
        GetLabelDetectionResponse r = finished(() -> c.rek.getLabelDetection(b -> b.jobId(jobId)), GetLabelDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, r.jobStatus(), r.toString());
        assertEquals("haneul-coco-1.0", r.labelModelVersion());
        assertEquals(LabelDetectionSortBy.TIMESTAMP, r.getRequestMetadata().sortBy());
        List<Long> person = r.labels().stream().filter(l -> l.label().name().equals("Person")).map(LabelDetection::timestamp).toList();
        assertFalse(person.isEmpty(), r.labels().toString());
        assertTrue(person.stream().allMatch(t -> t < TestVideo.FACE_END_MS), "Person at " + person);
        List<Long> all = r.labels().stream().map(LabelDetection::timestamp).toList();
        assertEquals(all.stream().sorted().toList(), all);

        List<String> byName = c.rek.getLabelDetection(b -> b.jobId(jobId).sortBy(LabelDetectionSortBy.NAME)).labels().stream()
                .map(l -> l.label().name()).toList();
        assertEquals(byName.stream().sorted().toList(), byName);

        GetLabelDetectionResponse segments = c.rek.getLabelDetection(b -> b.jobId(jobId).aggregateBy(LabelDetectionAggregateBy.SEGMENTS));
        assertEquals(LabelDetectionAggregateBy.SEGMENTS, segments.getRequestMetadata().aggregateBy());
        LabelDetection seg = segments.labels().stream().filter(l -> l.label().name().equals("Person")).findFirst().orElseThrow();
        assertEquals(person.getFirst(), seg.startTimestampMillis());
        assertTrue(seg.endTimestampMillis() > seg.startTimestampMillis() && seg.endTimestampMillis() <= TestVideo.FACE_END_MS, seg.toString());
        assertEquals(seg.endTimestampMillis() - seg.startTimestampMillis(), seg.durationMillis());
    }

    @Test
    void wordsAreReadWhileTheyShow() throws Exception {
        String jobId = c.rek.startTextDetection(b -> b.video(video)).jobId();
        GetTextDetectionResponse r = finished(() -> c.rek.getTextDetection(b -> b.jobId(jobId)), GetTextDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, r.jobStatus(), r.toString());
        List<TextDetectionResult> lines = r.textDetections().stream()
                .filter(t -> t.textDetection().type() == TextTypes.LINE && t.textDetection().detectedText().contains("HANEUL")).toList();
        assertFalse(lines.isEmpty(), r.textDetections().toString());
        assertTrue(lines.stream().allMatch(t -> t.timestamp() >= TestVideo.FACE_END_MS && t.timestamp() < TestVideo.TEXT_END_MS), lines.toString());
    }

    @Test
    void shotsAndTheBlackSectionAreWhereTheVideoCuts() throws Exception {
        String jobId = c.rek.startSegmentDetection(b -> b.video(video).segmentTypes(SegmentType.SHOT, SegmentType.TECHNICAL_CUE)).jobId();
        GetSegmentDetectionResponse r = finished(() -> c.rek.getSegmentDetection(b -> b.jobId(jobId)), GetSegmentDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, r.jobStatus(), r.toString());
        List<SegmentDetection> shots = r.segments().stream().filter(s -> s.type() == SegmentType.SHOT).toList();
        assertEquals(4, shots.size(), shots.toString());
        long[] starts = {0, TestVideo.FACE_END_MS, TestVideo.TEXT_END_MS, TestVideo.BLACK_END_MS};
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(shots.get(i).startTimestampMillis() - starts[i]) <= 80, shots.get(i).toString());
            assertEquals(i, shots.get(i).shotSegment().index().intValue());
        }
        assertEquals(75L, shots.get(1).startFrameNumber());
        assertEquals(74L, shots.get(0).endFrameNumber());
        assertEquals("00:00:03:00", shots.get(1).startTimecodeSMPTE());
        List<SegmentDetection> black = r.segments().stream().filter(s -> s.type() == SegmentType.TECHNICAL_CUE).toList();
        assertEquals(1, black.size(), black.toString());
        assertEquals(TechnicalCueType.BLACK_FRAMES, black.getFirst().technicalCueSegment().type());
        assertTrue(Math.abs(black.getFirst().startTimestampMillis() - TestVideo.TEXT_END_MS) <= 80, black.toString());
        assertTrue(Math.abs(black.getFirst().endTimestampMillis() - TestVideo.BLACK_END_MS) <= 80, black.toString());
        assertEquals(1, r.videoMetadata().size());
        assertEquals("aac", r.audioMetadata().getFirst().codec());
        assertEquals(44100L, r.audioMetadata().getFirst().sampleRate());
        assertEquals(List.of(SegmentType.SHOT, SegmentType.TECHNICAL_CUE), r.selectedSegmentTypes().stream().map(SegmentTypeInfo::type).toList());
    }

    @Test
    void thePersonIsTrackedAsOneIndexAndFoundInACollection() throws Exception {
        String tracking = c.rek.startPersonTracking(b -> b.video(video)).jobId();
        c.rek.createCollection(b -> b.collectionId("video-people"));
        String faceId = c.rek.indexFaces(b -> b.collectionId("video-people").image(RekognitionClients.bytes(Pictures.photo("astronaut.jpg")))
                .externalImageId("collins")).faceRecords().getFirst().face().faceId();
        c.rek.indexFaces(b -> b.collectionId("video-people").image(RekognitionClients.bytes(Pictures.photo("grace_hopper.jpg"))));
        String search = c.rek.startFaceSearch(b -> b.video(video).collectionId("video-people").faceMatchThreshold(90f)).jobId();

        GetPersonTrackingResponse persons = finished(() -> c.rek.getPersonTracking(b -> b.jobId(tracking)), GetPersonTrackingResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, persons.jobStatus(), persons.toString());
        assertFalse(persons.persons().isEmpty());
        assertTrue(persons.persons().stream().allMatch(p -> p.timestamp() < TestVideo.FACE_END_MS), persons.toString());
        assertEquals(List.of(0L), persons.persons().stream().map(p -> p.person().index()).distinct().toList());

        GetFaceSearchResponse found = finished(() -> c.rek.getFaceSearch(b -> b.jobId(search)), GetFaceSearchResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, found.jobStatus(), found.toString());
        assertTrue(found.persons().size() >= 3, found.toString());
        for (PersonMatch p : found.persons()) {
            assertTrue(p.timestamp() < TestVideo.FACE_END_MS);
            assertEquals(1, p.faceMatches().size(), p.toString());
            assertEquals(faceId, p.faceMatches().getFirst().face().faceId());
            assertEquals("collins", p.faceMatches().getFirst().face().externalImageId());
        }
        expectError("ResourceNotFoundException", 400, () -> c.rek.startFaceSearch(b -> b.video(video).collectionId("no-such-collection")));
    }

    @Test
    void celebritiesAndModerationAreHonestlyEmpty() throws Exception {
        String celebrities = c.rek.startCelebrityRecognition(b -> b.video(video)).jobId();
        String moderation = c.rek.startContentModeration(b -> b.video(video)).jobId();
        GetCelebrityRecognitionResponse cr = finished(() -> c.rek.getCelebrityRecognition(b -> b.jobId(celebrities)),
                GetCelebrityRecognitionResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, cr.jobStatus());
        assertTrue(cr.celebrities().isEmpty());
        assertEquals("h264", cr.videoMetadata().codec());
        GetContentModerationResponse cm = finished(() -> c.rek.getContentModeration(b -> b.jobId(moderation)),
                GetContentModerationResponse::jobStatus);
        assertEquals(VideoJobStatus.SUCCEEDED, cm.jobStatus());
        assertTrue(cm.moderationLabels().isEmpty());
        assertEquals("haneul-none", cm.moderationModelVersion());
        expectError("ResourceNotFoundException", 400, () -> c.rek.getCelebrityInfo(b -> b.id("1XW9sn6l")));
    }

    @Test
    void aClientRequestTokenAnswersTheFirstJob() {
        String first = c.rek.startCelebrityRecognition(b -> b.video(video).clientRequestToken("once-1")).jobId();
        assertEquals(first, c.rek.startCelebrityRecognition(b -> b.video(video).clientRequestToken("once-1")).jobId());
        assertNotEquals(first, c.rek.startCelebrityRecognition(b -> b.video(video).clientRequestToken("once-2")).jobId());
        expectError("IdempotentParameterMismatchException", 400,
                () -> c.rek.startCelebrityRecognition(b -> b.video(video).clientRequestToken("once-1").jobTag("other")));
        // the token is per operation: another analysis with it is another job
        assertNotEquals(first, c.rek.startContentModeration(b -> b.video(video).clientRequestToken("once-1")).jobId());
    }

    @Test
    void badVideosAndUnknownJobsGetAwsErrors() throws Exception {
        expectError("InvalidS3ObjectException", 400, () -> c.rek.startLabelDetection(b -> b.video(v -> v.s3Object(o -> o.bucket(bucket).name("nope.mp4")))));
        expectError("InvalidS3ObjectException", 400, () -> c.rek.startLabelDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("no-such-bucket-x").name("a.mp4")))));
        expectError("InvalidParameterException", 400, () -> c.rek.startLabelDetection(b -> b.video(v -> v.s3Object(o -> o.bucket(bucket)))));
        expectError("ResourceNotFoundException", 400, () -> c.rek.getLabelDetection(b -> b.jobId("0123456789abcdef")));
        String webm = c.rek.startLabelDetection(b -> b.video(v -> v.s3Object(o -> o.bucket(bucket).name("clip.webm")))).jobId();
        GetLabelDetectionResponse r = finished(() -> c.rek.getLabelDetection(b -> b.jobId(webm)), GetLabelDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.FAILED, r.jobStatus());
        assertEquals("Unsupported codec/format.", r.statusMessage());
        assertTrue(r.labels().isEmpty());
        assertNull(r.videoMetadata());
        // a playlist named .mp4 is not followed to the files it lists: the video is unsupported
        c.s3.putObject(b -> b.bucket(bucket).key("list.mp4"), RequestBody.fromString("ffconcat version 1.0\nfile scenes.mp4\n"));
        String list = c.rek.startLabelDetection(b -> b.video(v -> v.s3Object(o -> o.bucket(bucket).name("list.mp4")))).jobId();
        GetLabelDetectionResponse l = finished(() -> c.rek.getLabelDetection(b -> b.jobId(list)), GetLabelDetectionResponse::jobStatus);
        assertEquals(VideoJobStatus.FAILED, l.jobStatus());
        assertEquals("Unsupported codec/format.", l.statusMessage());
        // a label job's id is not a face job's
        expectError("ResourceNotFoundException", 400, () -> c.rek.getFaceDetection(b -> b.jobId(webm)));
    }

    @Test
    void theCompletionNoticeReachesTheTopicsQueue() throws Exception {
        String topic = sns.createTopic(b -> b.name("rekognition-video")).topicArn();
        String queue = sqs.createQueue(b -> b.queueName("rekognition-video")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
        String jobId = c.rek.startContentModeration(b -> b.video(video).jobTag("notify-me")
                .notificationChannel(n -> n.snsTopicArn(topic).roleArn("arn:aws:iam::111111111111:role/rekognition"))).jobId();
        JsonNode notice = null;
        for (int i = 0; i < 60 && notice == null; i++) {
            for (var m : sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5).maxNumberOfMessages(10)).messages()) {
                JsonNode body = JSON.readTree(JSON.readTree(m.body()).get("Message").asText());
                if (jobId.equals(body.path("JobId").asText())) {
                    notice = body;
                }
            }
        }
        assertNotNull(notice, "no notice for " + jobId);
        assertEquals("SUCCEEDED", notice.get("Status").asText());
        assertEquals("CONTENT_MODERATION", notice.get("API").asText());
        assertEquals("notify-me", notice.get("JobTag").asText());
        assertEquals("scenes.mp4", notice.get("Video").get("S3ObjectName").asText());
        assertEquals(bucket, notice.get("Video").get("S3Bucket").asText());
        assertTrue(notice.get("Timestamp").isNumber());
        GetContentModerationResponse done = c.rek.getContentModeration(b -> b.jobId(jobId));
        assertEquals(VideoJobStatus.SUCCEEDED, done.jobStatus());
    }

    @Test
    void wholeResponsesThroughBoto3(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        io.haneul.it.support.BotoParity.check(server, work, RekognitionClients.ACCOUNT, """
                import time
                rek = boto3.client("rekognition", endpoint_url=ENDPOINT, region_name="us-east-1")
                video = {"S3Object": {"Bucket": "BUCKET_NAME", "Name": "scenes.mp4"}}
                job = rek.start_celebrity_recognition(Video=video, JobTag="boto")
                same("start", job, {"JobId": ANY})
                while True:
                    r = rek.get_celebrity_recognition(JobId=job["JobId"])
                    if r["JobStatus"] != "IN_PROGRESS":
                        break
                    time.sleep(0.5)
                same("get", r, {"JobStatus": "SUCCEEDED", "JobId": job["JobId"], "JobTag": "boto", "Celebrities": [], "Video": video,
                    "VideoMetadata": {"Codec": "h264", "DurationMillis": ANY, "Format": "QuickTime / MOV", "FrameRate": 25.0,
                                      "FrameHeight": 360, "FrameWidth": 640, "ColorRange": "LIMITED"}})
                same("celebrity info", error_of(lambda: rek.get_celebrity_info(Id="1XW9sn6l")), {
                    "Code": "ResourceNotFoundException", "Message": "The resource specified in the request cannot be found."})
                same("unknown job", error_of(lambda: rek.get_face_detection(JobId="0123abcd")), {
                    "Code": "ResourceNotFoundException", "Message": "The resource specified in the request cannot be found."})
                same("missing video", error_of(lambda: rek.start_face_detection(Video={"S3Object": {"Bucket": "BUCKET_NAME", "Name": "x.mp4"}})), {
                    "Code": "InvalidS3ObjectException",
                    "Message": "Unable to get object metadata from S3. Check object key, region and/or access permissions."})
                """.replace("BUCKET_NAME", bucket));
    }
}
