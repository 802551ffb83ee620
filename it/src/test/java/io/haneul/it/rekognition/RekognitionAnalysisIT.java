package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.rekognition.model.*;

import java.util.List;
import java.util.Set;

import static io.haneul.it.rekognition.RekognitionClients.bytes;
import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image analysis on the real models through the SDK v2: faces where they are and nowhere else,
 * attributes only where a model gives them, JPEGs turned upright by EXIF before the models look,
 * CompareFaces telling one person from another, Rekognition's labels for COCO detections, rendered
 * text read back, and celebrities left unrecognized.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionAnalysisIT {

    TestServer server;
    RekognitionClients c;

    @BeforeAll
    void start() {
        server = TestServer.start(RekognitionClients.MODEL_CACHE);
        c = new RekognitionClients(server);
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private List<FaceDetail> faces(byte[] image, String... attributes) {
        return c.rek.detectFaces(b -> b.image(bytes(image)).attributesWithStrings(attributes)).faceDetails();
    }

    @Test
    void detectFacesFindsTheFaceWhereItIsAndOnlyThere() {
        DetectFacesResponse r = c.rek.detectFaces(b -> b.image(bytes(Pictures.photo("astronaut.jpg"))));
        assertNull(r.orientationCorrection(), "AWS has answered null since 2021");
        assertEquals(1, r.faceDetails().size());
        FaceDetail face = r.faceDetails().getFirst();
        float cx = face.boundingBox().left() + face.boundingBox().width() / 2;
        float cy = face.boundingBox().top() + face.boundingBox().height() / 2;
        assertTrue(cx > 0.38 && cx < 0.52 && cy > 0.15 && cy < 0.33, face.boundingBox().toString());
        Set<String> landmarks = Set.copyOf(face.landmarks().stream().map(Landmark::typeAsString).toList());
        assertTrue(Set.of("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight").containsAll(landmarks), "DEFAULT: " + landmarks);
        assertTrue(landmarks.containsAll(Set.of("eyeLeft", "eyeRight", "nose")), landmarks.toString());
        // a frontal portrait: the pose is near zero on every axis; quality bars are AWS's 0-100
        assertTrue(Math.abs(face.pose().yaw()) < 30 && Math.abs(face.pose().roll()) < 30 && Math.abs(face.pose().pitch()) < 30,
                face.pose().toString());
        assertTrue(face.quality().brightness() > 0 && face.quality().brightness() <= 100, face.quality().toString());
        assertTrue(face.quality().sharpness() > 0 && face.quality().sharpness() <= 100, face.quality().toString());
        assertTrue(face.confidence() > 50);
        assertNull(face.ageRange(), "DEFAULT answers no attributes");
        assertNull(face.gender());
        assertTrue(face.emotions().isEmpty());
        for (String photo : List.of("rocket.jpg", "coffee.jpg", "cat.jpg", "motorcycle.jpg")) {
            assertEquals(List.of(), faces(Pictures.photo(photo)), photo);
        }
    }

    @Test
    void attributesAllGiveWhatTheModelsKnowAndNothingElse() {
        FaceDetail face = faces(Pictures.photo("astronaut.jpg"), "ALL").getFirst();
        // an adult: the range is an adult's, not a child's nor a bound of the scale
        assertTrue(face.ageRange().low() >= 15 && face.ageRange().high() <= 90 && face.ageRange().low() <= face.ageRange().high(),
                face.ageRange().toString());
        assertTrue(Set.of("Male", "Female").contains(face.gender().valueAsString()), face.gender().toString());
        assertTrue(face.gender().confidence() >= 50 && face.gender().confidence() <= 100, face.gender().toString());
        assertEquals(100f, (float) face.emotions().stream().mapToDouble(e -> e.confidence()).sum(), 1.5f,
                "emotion confidences are one distribution: " + face.emotions());
        assertEquals(7, face.emotions().size());
        assertTrue(face.landmarks().size() >= 5);
        assertNull(face.smile(), "no smile model: absent, not invented");
        assertNull(face.beard());
        assertNull(face.eyeglasses());
        assertNull(face.faceOccluded());
        FaceDetail ageOnly = faces(Pictures.photo("astronaut.jpg"), "AGE_RANGE").getFirst();
        assertNotNull(ageOnly.ageRange());
        assertNull(ageOnly.gender());
    }

    @Test
    void exifOrientationIsAppliedBeforeTheModelsLook() {
        BoundingBox upright = faces(Pictures.photo("astronaut.jpg")).getFirst().boundingBox();
        List<FaceDetail> sideways = faces(Pictures.sidewaysWithExif("astronaut.jpg"));
        assertEquals(1, sideways.size(), "the sideways JPEG is upright once its EXIF is honoured");
        BoundingBox turned = sideways.getFirst().boundingBox();
        assertEquals(upright.left(), turned.left(), 0.05);
        assertEquals(upright.top(), turned.top(), 0.05);
        assertEquals(upright.width(), turned.width(), 0.05);
    }

    @Test
    void compareFacesTellsOnePersonFromAnother() {
        byte[] collins = Pictures.photo("astronaut.jpg");
        CompareFacesResponse same = c.rek.compareFaces(b -> b.sourceImage(bytes(collins))
                .targetImage(bytes(Pictures.variant("astronaut.jpg", 0.8, 8, 20))));
        assertEquals(1, same.faceMatches().size(), same.toString());
        assertTrue(same.faceMatches().getFirst().similarity() >= 80);
        assertTrue(same.unmatchedFaces().isEmpty());
        assertNotNull(same.sourceImageFace().boundingBox());
        CompareFacesResponse other = c.rek.compareFaces(b -> b.sourceImage(bytes(collins)).targetImage(bytes(Pictures.photo("grace_hopper.jpg"))));
        assertTrue(other.faceMatches().isEmpty(), other.toString());
        assertEquals(1, other.unmatchedFaces().size());
        // two people on one target: one matches, the other does not
        CompareFacesResponse both = c.rek.compareFaces(b -> b.sourceImage(bytes(Pictures.photo("grace_hopper.jpg")))
                .targetImage(bytes(Pictures.sideBySide("astronaut.jpg", "grace_hopper.jpg"))).similarityThreshold(90f));
        assertEquals(1, both.faceMatches().size(), both.toString());
        assertTrue(both.faceMatches().getFirst().face().boundingBox().left() > 0.5, "Hopper is on the right");
        assertEquals(1, both.unmatchedFaces().size());
        CompareFacesResponse lowBar = c.rek.compareFaces(b -> b.sourceImage(bytes(collins)).targetImage(bytes(Pictures.photo("grace_hopper.jpg")))
                .similarityThreshold(0f));
        assertEquals(1, lowBar.faceMatches().size(), "threshold 0 matches anyone");
        expectError("InvalidParameterException", 400, () -> c.rek.compareFaces(b -> b.sourceImage(bytes(Pictures.photo("coffee.jpg")))
                .targetImage(bytes(collins))));
        CompareFacesResponse noTargetFaces = c.rek.compareFaces(b -> b.sourceImage(bytes(collins)).targetImage(bytes(Pictures.photo("cat.jpg"))));
        assertTrue(noTargetFaces.faceMatches().isEmpty() && noTargetFaces.unmatchedFaces().isEmpty());
    }

    @Test
    void detectLabelsNamesWhatThePhotoShows() {
        // the detector is less sure of itself than AWS's: the cat scores about 54, under AWS's default bar of 55
        DetectLabelsResponse cat = c.rek.detectLabels(b -> b.image(bytes(Pictures.photo("cat.jpg"))).minConfidence(50f));
        assertEquals("haneul-coco-1.0", cat.labelModelVersion());
        Label top = cat.labels().getFirst();
        List<String> names = cat.labels().stream().map(Label::name).toList();
        assertTrue(names.containsAll(List.of("Cat", "Animal", "Mammal", "Pet")), names.toString());
        Label catLabel = cat.labels().stream().filter(l -> l.name().equals("Cat")).findFirst().orElseThrow();
        assertEquals(List.of("Animal", "Mammal", "Pet"), catLabel.parents().stream().map(Parent::name).toList());
        assertEquals("Animals and Pets", catLabel.categories().getFirst().name());
        assertFalse(catLabel.instances().isEmpty());
        assertTrue(catLabel.instances().getFirst().boundingBox().width() > 0.3);
        assertTrue(top.confidence() >= catLabel.confidence());
        List<String> motorcycle = c.rek.detectLabels(b -> b.image(bytes(Pictures.photo("motorcycle.jpg"))).maxLabels(3)).labels()
                .stream().map(Label::name).toList();
        assertTrue(motorcycle.contains("Motorcycle") && motorcycle.size() <= 3, motorcycle.toString());
        List<String> person = c.rek.detectLabels(b -> b.image(bytes(Pictures.photo("astronaut.jpg")))
                .settings(s -> s.generalLabels(g -> g.labelInclusionFilters("Person")))).labels().stream().map(Label::name).toList();
        assertEquals(List.of("Person"), person);
        DetectLabelsResponse none = c.rek.detectLabels(b -> b.image(bytes(Pictures.photo("cat.jpg"))).minConfidence(100f));
        assertTrue(none.labels().isEmpty());
        DetectLabelsResponse both = c.rek.detectLabels(b -> b.image(bytes(Pictures.photo("cat.jpg"))).minConfidence(50f)
                .featuresWithStrings("GENERAL_LABELS", "IMAGE_PROPERTIES"));
        assertFalse(both.labels().isEmpty());
        assertEquals(10, both.imageProperties().dominantColors().size());
    }

    @Test
    void detectTextReadsBackRenderedText() {
        DetectTextResponse r = c.rek.detectText(b -> b.image(bytes(Pictures.text("Haneul reads 2026", 900, 200, 56))));
        List<TextDetection> lines = r.textDetections().stream().filter(t -> t.typeAsString().equals("LINE")).toList();
        assertEquals(List.of("Haneul reads 2026"), lines.stream().map(TextDetection::detectedText).toList(), r.toString());
        List<TextDetection> words = r.textDetections().stream().filter(t -> t.typeAsString().equals("WORD")).toList();
        assertEquals(List.of("Haneul", "reads", "2026"), words.stream().map(TextDetection::detectedText).toList());
        assertTrue(words.stream().allMatch(w -> w.parentId().equals(lines.getFirst().id())));
        assertEquals(4, lines.getFirst().geometry().polygon().size());
        // a region over the left third keeps only what lies mostly inside it
        DetectTextResponse left = c.rek.detectText(b -> b.image(bytes(Pictures.text("Haneul reads 2026", 900, 200, 56)))
                .filters(f -> f.regionsOfInterest(RegionOfInterest.builder().boundingBox(x -> x.left(0f).top(0f).width(0.3f).height(1f)).build())));
        assertEquals(List.of("Haneul"), left.textDetections().stream().filter(t -> t.typeAsString().equals("WORD"))
                .map(TextDetection::detectedText).toList(), left.toString());
        DetectTextResponse tall = c.rek.detectText(b -> b.image(bytes(Pictures.text("Haneul reads 2026", 900, 200, 56)))
                .filters(f -> f.wordFilter(w -> w.minBoundingBoxHeight(0.9f))));
        assertTrue(tall.textDetections().isEmpty(), "no word is 90% of the image high");
        assertTrue(c.rek.detectText(b -> b.image(bytes(Pictures.photo("coffee.jpg")))).textDetections().isEmpty());
    }

    @Test
    void celebritiesAreNeverRecognized() {
        RecognizeCelebritiesResponse r = c.rek.recognizeCelebrities(b -> b.image(bytes(Pictures.sideBySide("astronaut.jpg", "grace_hopper.jpg"))));
        assertTrue(r.celebrityFaces().isEmpty());
        assertEquals(2, r.unrecognizedFaces().size());
    }
}
