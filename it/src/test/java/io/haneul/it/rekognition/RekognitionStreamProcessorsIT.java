package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.rekognition.model.CreateStreamProcessorRequest;
import software.amazon.awssdk.services.rekognition.model.DescribeStreamProcessorResponse;
import software.amazon.awssdk.services.rekognition.model.StreamProcessor;

import java.util.List;
import java.util.Map;

import static io.haneul.it.rekognition.RekognitionClients.ACCOUNT;
import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Stream processors through the SDK v2: a face-search processor created with tags, described with every
 * field it was created with, started (RUNNING), refused deletion and a second start while running,
 * stopped, tagged by ARN, deleted; a label-detection processor updated; AWS's rules on definitions and on
 * Start's selectors; a processor whose collection was deleted FAILS to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionStreamProcessorsIT {

    static final String KVS = "arn:aws:kinesisvideo:us-east-1:" + ACCOUNT + ":stream/door/1700000000000";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/rekognition";

    TestServer server;
    RekognitionClients c;

    @BeforeAll
    void start() {
        server = newServer();
        c = new RekognitionClients(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    static CreateStreamProcessorRequest.Builder faceSearch(String name, String collection) {
        return CreateStreamProcessorRequest.builder().name(name).roleArn(ROLE).input(i -> i.kinesisVideoStream(k -> k.arn(KVS)))
                .output(o -> o.kinesisDataStream(k -> k.arn("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/faces")))
                .settings(s -> s.faceSearch(f -> f.collectionId(collection).faceMatchThreshold(85f)));
    }

    @Test
    void aFaceSearchProcessorLivesThroughItsStates() {
        c.rek.createCollection(b -> b.collectionId("door-staff"));
        String arn = c.rek.createStreamProcessor(faceSearch("door", "door-staff").tags(Map.of("site", "hq")).build()).streamProcessorArn();
        assertEquals("arn:aws:rekognition:us-east-1:" + ACCOUNT + ":streamprocessor/door", arn);
        expectError("ResourceInUseException", 400, () -> c.rek.createStreamProcessor(faceSearch("door", "door-staff").build()));

        DescribeStreamProcessorResponse d = c.rek.describeStreamProcessor(b -> b.name("door"));
        assertEquals("STOPPED", d.statusAsString());
        assertEquals(arn, d.streamProcessorArn());
        assertEquals(KVS, d.input().kinesisVideoStream().arn());
        assertEquals("door-staff", d.settings().faceSearch().collectionId());
        assertEquals(85f, d.settings().faceSearch().faceMatchThreshold());
        assertEquals(ROLE, d.roleArn());
        assertNotNull(d.creationTimestamp());
        assertEquals(Map.of("site", "hq"), c.rek.listTagsForResource(b -> b.resourceArn(arn)).tags());

        assertNotNull(c.rek.startStreamProcessor(b -> b.name("door")).sessionId());
        assertEquals("RUNNING", c.rek.describeStreamProcessor(b -> b.name("door")).statusAsString());
        expectError("ResourceInUseException", 400, () -> c.rek.startStreamProcessor(b -> b.name("door")));
        expectError("ResourceInUseException", 400, () -> c.rek.deleteStreamProcessor(b -> b.name("door")));
        c.rek.stopStreamProcessor(b -> b.name("door"));
        assertEquals(List.of(StreamProcessor.builder().name("door").status("STOPPED").build()),
                c.rek.listStreamProcessors(b -> b.maxResults(10)).streamProcessors());

        c.rek.tagResource(b -> b.resourceArn(arn).tags(Map.of("team", "security")));
        c.rek.untagResource(b -> b.resourceArn(arn).tagKeys("site"));
        assertEquals(Map.of("team", "security"), c.rek.listTagsForResource(b -> b.resourceArn(arn)).tags());

        c.rek.deleteStreamProcessor(b -> b.name("door"));
        expectError("ResourceNotFoundException", 400, () -> c.rek.describeStreamProcessor(b -> b.name("door")));
        expectError("ResourceNotFoundException", 400, () -> c.rek.listTagsForResource(b -> b.resourceArn(arn)));
    }

    @Test
    void aLabelProcessorIsStartedWithSelectorsAndUpdated() {
        c.rek.createStreamProcessor(b -> b.name("porch").roleArn(ROLE).input(i -> i.kinesisVideoStream(k -> k.arn(KVS)))
                .output(o -> o.s3Destination(s -> s.bucket("porch-frames").keyPrefix("clips/")))
                .notificationChannel(n -> n.snsTopicArn("arn:aws:sns:us-east-1:" + ACCOUNT + ":porch"))
                .settings(s -> s.connectedHome(h -> h.labels("PERSON", "PACKAGE").minConfidence(70f)))
                .regionsOfInterest(r -> r.boundingBox(x -> x.left(0.1f).top(0.1f).width(0.5f).height(0.5f))));
        expectError("InvalidParameterException", 400, () -> c.rek.startStreamProcessor(b -> b.name("porch")));
        c.rek.updateStreamProcessor(b -> b.name("porch").settingsForUpdate(s -> s.connectedHomeForUpdate(h -> h.labels("PET")))
                .parametersToDeleteWithStrings("RegionsOfInterest"));
        DescribeStreamProcessorResponse d = c.rek.describeStreamProcessor(b -> b.name("porch"));
        assertEquals(List.of("PET"), d.settings().connectedHome().labels());
        assertEquals(70f, d.settings().connectedHome().minConfidence());
        assertEquals(List.of(), d.regionsOfInterest());
        assertEquals("porch-frames", d.output().s3Destination().bucket());
        c.rek.startStreamProcessor(b -> b.name("porch").startSelector(s -> s.kvsStreamStartSelector(k -> k.producerTimestamp(1_700_000_000_000L)))
                .stopSelector(s -> s.maxDurationInSeconds(60L)));
        assertEquals("RUNNING", c.rek.describeStreamProcessor(b -> b.name("porch")).statusAsString());
        c.rek.stopStreamProcessor(b -> b.name("porch"));
        c.rek.deleteStreamProcessor(b -> b.name("porch"));
    }

    @Test
    void definitionsAndStartsFollowAwsRules() {
        expectError("InvalidParameterException", 400, () -> c.rek.createStreamProcessor(faceSearch("both", "x")
                .settings(s -> s.faceSearch(f -> f.collectionId("x")).connectedHome(h -> h.labels("PERSON"))).build()));
        expectError("InvalidParameterException", 400, () -> c.rek.createStreamProcessor(faceSearch("no-stream", "x")
                .output(o -> o.s3Destination(s -> s.bucket("porch-frames"))).build()));
        c.rek.createCollection(b -> b.collectionId("short-lived"));
        c.rek.createStreamProcessor(faceSearch("gate", "short-lived").build());
        expectError("InvalidParameterException", 400, () -> c.rek.startStreamProcessor(b -> b.name("gate").stopSelector(s -> s.maxDurationInSeconds(5L))));
        c.rek.deleteCollection(b -> b.collectionId("short-lived"));
        c.rek.startStreamProcessor(b -> b.name("gate"));
        DescribeStreamProcessorResponse d = c.rek.describeStreamProcessor(b -> b.name("gate"));
        assertEquals("FAILED", d.statusAsString());
        assertEquals("The collection id: short-lived does not exist", d.statusMessage());
        c.rek.deleteStreamProcessor(b -> b.name("gate"));
        expectError("ResourceNotFoundException", 400, () -> c.rek.startStreamProcessor(b -> b.name("gate")));
    }
}
