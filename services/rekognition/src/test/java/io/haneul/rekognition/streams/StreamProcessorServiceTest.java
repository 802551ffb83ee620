package io.haneul.rekognition.streams;

import io.haneul.storage.StepClock;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlResourceTags;
import io.haneul.rekognition.store.SqlStreamProcessors;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.model.CreateStreamProcessorRequest;
import software.amazon.awssdk.services.rekognition.model.StartStreamProcessorRequest;
import software.amazon.awssdk.services.rekognition.model.UpdateStreamProcessorRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamProcessorServiceTest {

    static final String KVS = "arn:aws:kinesisvideo:us-east-1:111111111111:stream/door/1";

    @TempDir
    Path dir;
    Database db;
    final StepClock clock = new StepClock(Instant.parse("2026-12-07T12:00:00Z"));
    final Set<String> collections = new HashSet<>(List.of("staff"));
    StreamProcessorService processors;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        processors = new StreamProcessorService(new SqlStreamProcessors(db), new SqlResourceTags(),
                (account, region, id) -> collections.contains(id), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static CreateStreamProcessorRequest faceSearch(String name) {
        return CreateStreamProcessorRequest.builder().name(name).roleArn("arn:aws:iam::111111111111:role/r")
                .input(i -> i.kinesisVideoStream(k -> k.arn(KVS)))
                .output(o -> o.kinesisDataStream(k -> k.arn("arn:aws:kinesis:us-east-1:111111111111:stream/out")))
                .settings(s -> s.faceSearch(f -> f.collectionId("staff").faceMatchThreshold(85f))).build();
    }

    static CreateStreamProcessorRequest homeLabels(String name) {
        return CreateStreamProcessorRequest.builder().name(name).roleArn("arn:aws:iam::111111111111:role/r")
                .input(i -> i.kinesisVideoStream(k -> k.arn(KVS)))
                .output(o -> o.s3Destination(d -> d.bucket("frames").keyPrefix("door/")))
                .notificationChannel(n -> n.snsTopicArn("arn:aws:sns:us-east-1:111111111111:door"))
                .settings(s -> s.connectedHome(h -> h.labels("PERSON", "PET").minConfidence(60f))).build();
    }

    String status(String name) {
        return processors.describe("a", "r", name).status();
    }

    void refused(String code, Runnable call) {
        assertEquals(code, assertThrows(RekognitionException.class, call::run).code());
    }

    @Test
    void aProcessorIsStoppedThenRunningThenStoppedAndCannotBeDeletedWhileRunning() {
        assertEquals("arn:aws:rekognition:r:a:streamprocessor/door", processors.create("a", "r", faceSearch("door")));
        refused("ResourceInUseException", () -> processors.create("a", "r", faceSearch("door")));
        assertEquals("STOPPED", status("door"));
        refused("ResourceInUseException", () -> processors.stop("a", "r", "door"));
        processors.start("a", "r", StartStreamProcessorRequest.builder().name("door").build());
        assertEquals("RUNNING", status("door"));
        refused("ResourceInUseException", () -> processors.start("a", "r", StartStreamProcessorRequest.builder().name("door").build()));
        refused("ResourceInUseException", () -> processors.delete("a", "r", "door"));
        refused("ResourceInUseException", () -> processors.update("a", "r", UpdateStreamProcessorRequest.builder().name("door")
                .dataSharingPreferenceForUpdate(d -> d.optIn(true)).build()));
        processors.stop("a", "r", "door");
        assertEquals("STOPPED", status("door"));
        processors.delete("a", "r", "door");
        refused("ResourceNotFoundException", () -> processors.describe("a", "r", "door"));
    }

    @Test
    void aFaceSearchProcessorWhoseCollectionIsGoneFailsToStart() {
        processors.create("a", "r", faceSearch("door"));
        collections.clear();
        processors.start("a", "r", StartStreamProcessorRequest.builder().name("door").build());
        StreamProcessorService.Processor p = processors.describe("a", "r", "door");
        assertEquals("FAILED", p.status());
        assertEquals("The collection id: staff does not exist", p.row().statusMessage());
    }

    @Test
    void aLabelSessionStopsByItselfAfterItsMaximumDuration() {
        processors.create("a", "r", homeLabels("porch"));
        refused("InvalidParameterException", () -> processors.start("a", "r", StartStreamProcessorRequest.builder().name("porch").build()));
        processors.start("a", "r", StartStreamProcessorRequest.builder().name("porch")
                .startSelector(s -> s.kvsStreamStartSelector(k -> k.producerTimestamp(1_700_000_000_000L)))
                .stopSelector(s -> s.maxDurationInSeconds(30L)).build());
        clock.advance(Duration.ofSeconds(29));
        assertEquals("RUNNING", status("porch"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("STOPPED", status("porch"));
        processors.delete("a", "r", "porch");
    }

    @Test
    void aFaceSearchProcessorTakesNoSelectors() {
        processors.create("a", "r", faceSearch("door"));
        refused("InvalidParameterException", () -> processors.start("a", "r", StartStreamProcessorRequest.builder().name("door")
                .stopSelector(s -> s.maxDurationInSeconds(30L)).build()));
    }

    @Test
    void definitionsFollowAwsRules() {
        List<Consumer<CreateStreamProcessorRequest.Builder>> wrong = List.of(
                b -> b.settings(s -> s.faceSearch(f -> f.collectionId("staff")).connectedHome(h -> h.labels("PERSON"))),
                b -> b.output(o -> o.s3Destination(d -> d.bucket("frames"))),
                b -> b.regionsOfInterest(r -> r.boundingBox(x -> x.left(0f).top(0f).width(0.5f).height(0.5f))),
                b -> b.notificationChannel(n -> n.snsTopicArn("arn:aws:sns:us-east-1:111111111111:door")));
        for (Consumer<CreateStreamProcessorRequest.Builder> change : wrong) {
            CreateStreamProcessorRequest.Builder b = faceSearch("bad").toBuilder();
            change.accept(b);
            refused("InvalidParameterException", () -> processors.create("a", "r", b.build()));
        }
        refused("InvalidParameterException", () -> processors.create("a", "r", homeLabels("bad").toBuilder().notificationChannel(
                (software.amazon.awssdk.services.rekognition.model.StreamProcessorNotificationChannel) null).build()));
        refused("InvalidParameterException", () -> processors.create("a", "r", homeLabels("bad").toBuilder()
                .settings(s -> s.connectedHome(h -> h.labels("CAR"))).build()));
        assertEquals(0, processors.list("a", "r", null, null).items().size());
    }

    @Test
    void anUpdateChangesOnlyWhatItNamesAndOnlyOnLabelProcessors() {
        processors.create("a", "r", homeLabels("porch"));
        processors.create("a", "r", faceSearch("door"));
        clock.advance(Duration.ofSeconds(5));
        processors.update("a", "r", UpdateStreamProcessorRequest.builder().name("porch")
                .settingsForUpdate(s -> s.connectedHomeForUpdate(h -> h.labels("PACKAGE"))).parametersToDeleteWithStrings("ConnectedHomeMinConfidence")
                .build());
        StreamProcessorService.Processor p = processors.describe("a", "r", "porch");
        assertEquals(List.of("PACKAGE"), p.definition().settings().connectedHome().labels());
        assertNull(p.definition().settings().connectedHome().minConfidence());
        assertEquals("frames", p.definition().output().s3Destination().bucket());
        assertEquals(p.row().createdMs() + 5000, p.row().updatedMs());
        refused("InvalidParameterException", () -> processors.update("a", "r", UpdateStreamProcessorRequest.builder().name("door")
                .settingsForUpdate(s -> s.connectedHomeForUpdate(h -> h.minConfidence(10f))).build()));
        assertEquals(List.of("door", "porch"), processors.list("a", "r", null, null).items().stream().map(x -> x.definition().name()).toList());
        var first = processors.list("a", "r", null, 1);
        assertEquals(List.of("porch"), processors.list("a", "r", first.nextToken(), 1).items().stream().map(x -> x.definition().name()).toList());
    }
}
