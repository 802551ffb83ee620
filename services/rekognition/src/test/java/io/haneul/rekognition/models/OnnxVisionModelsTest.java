package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.FaceFinding;
import io.haneul.rekognition.vision.ObjectFinding;
import io.haneul.rekognition.vision.TextFinding;
import io.haneul.rekognition.vision.VisionModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real models on real photographs (see it/src/test/resources/rekognition/README.md) and rendered text. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxVisionModelsTest {

    @TempDir
    Path cache;

    private VisionModels models;

    private VisionModels models() {
        if (models == null) {
            models = VisionModelsFactory.create(cache);
        }
        return models;
    }

    @AfterAll
    void close() {
        if (models != null) {
            models.close();
        }
    }

    @Test
    void findsTheAstronautsFaceWhereItIs() throws Exception {
        List<FaceFinding> faces = models().faces(TestImages.photo("astronaut.jpg"));
        assertEquals(1, faces.size(), "faces: " + faces);
        FaceFinding face = faces.getFirst();
        // Eileen Collins' face spans about x 0.35..0.55, y 0.12..0.36 of the NASA portrait.
        float cx = face.box().left() + face.box().width() / 2;
        float cy = face.box().top() + face.box().height() / 2;
        assertTrue(cx > 0.38 && cx < 0.52 && cy > 0.15 && cy < 0.33, "face box " + face.box());
        assertTrue(face.box().width() > 0.12 && face.box().width() < 0.35, "face box " + face.box());
        float[] left = face.landmarks().get("eyeLeft");
        float[] right = face.landmarks().get("eyeRight");
        float[] nose = face.landmarks().get("nose");
        assertTrue(left[0] < nose[0] && nose[0] < right[0], "eyes either side of the nose");
        assertTrue(left[1] < nose[1] && right[1] < nose[1], "eyes above the nose");
        float[] mouthLeft = face.landmarks().get("mouthLeft");
        float[] mouthRight = face.landmarks().get("mouthRight");
        assertTrue(mouthLeft[1] > nose[1] && mouthRight[1] > nose[1] && mouthLeft[0] < mouthRight[0], "mouth below the nose");
        assertTrue(face.landmarks().get("chinBottom")[1] > mouthLeft[1], "chin below the mouth");
        assertEquals(30, face.landmarks().size(), "every AWS landmark type, from the 468-point mesh");
        assertEquals("true", face.eyesOpen().value(), "her eyes are open");
        assertTrue(face.confidence() > 50);
        assertEquals(1024, face.embedding().length);
        assertNotNull(face.pose());
        assertTrue(Math.abs(face.pose().roll()) < 15, "upright portrait: " + face.pose());
        assertTrue(face.ageRange().low() <= face.ageRange().high());
        assertNotNull(face.gender());
        assertEquals(7, face.emotions().size());
        assertEquals("HAPPY", face.emotions().getFirst().value(), "she smiles: " + face.emotions());
        assertNull(face.smile(), "no smile model: the attribute stays absent");
    }

    @Test
    void findsNoFaceOnPhotosWithoutPeople() throws Exception {
        for (String photo : List.of("rocket.jpg", "motorcycle.jpg", "coffee.jpg", "cat.jpg")) {
            assertEquals(List.of(), models().faces(TestImages.photo(photo)), photo);
        }
    }

    @Test
    void samePersonScoresAboveEightyAndDifferentPeopleBelow() throws Exception {
        float[] collins = only(models().faces(TestImages.photo("astronaut.jpg")));
        float[] collinsAgain = only(models().faces(TestImages.variant(TestImages.photo("astronaut.jpg"), 0.8, 8, 20)));
        float[] hopper = only(models().faces(TestImages.photo("grace_hopper.jpg")));
        float[] cameraman = only(models().faces(TestImages.photo("cameraman.jpg")));
        float same = models().similarity(collins, collinsAgain);
        assertTrue(same >= 80, "same person: " + same);
        for (float[][] pair : new float[][][] {{collins, hopper}, {collins, cameraman}, {hopper, cameraman}}) {
            float different = models().similarity(pair[0], pair[1]);
            assertTrue(different < 80, "different people: " + different);
        }
        assertEquals(100f, models().similarity(collins, collins), 0.01f);
        assertEquals(models().similarity(collins, hopper), models().similarity(hopper, collins), 0.001f);
    }

    @Test
    void findsEachFaceOfTwoPeopleInOnePictureAndTellsWhoIsWho() throws Exception {
        BufferedImage collins = TestImages.photo("astronaut.jpg");
        BufferedImage hopper = TestImages.photo("grace_hopper.jpg");
        List<FaceFinding> faces = models().faces(TestImages.sideBySide(collins, hopper));
        assertEquals(2, faces.size(), "faces: " + faces);
        float split = (float) collins.getWidth() / (collins.getWidth() + hopper.getWidth());
        FaceFinding left = faces.stream().filter(f -> f.box().left() + f.box().width() < split).findFirst().orElseThrow();
        FaceFinding right = faces.stream().filter(f -> f.box().left() > split).findFirst().orElseThrow();
        float[] collinsAlone = only(models().faces(collins));
        float[] hopperAlone = only(models().faces(hopper));
        assertTrue(models().similarity(left.embedding(), collinsAlone) >= 80, "Collins on the left");
        assertTrue(models().similarity(left.embedding(), hopperAlone) < 80, "not Hopper on the left");
        assertTrue(models().similarity(right.embedding(), hopperAlone) >= 80, "Hopper on the right");
        assertTrue(models().similarity(right.embedding(), collinsAlone) < 80, "not Collins on the right");
    }

    @Test
    void findsASmallFaceInALargePicture() throws Exception {
        // Collins' portrait at 200 px in a 1600 x 1000 picture: her face is about 2% of its width, too
        // small for the detector on the whole picture; the tiles find it.
        BufferedImage canvas = new BufferedImage(1600, 1000, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = canvas.createGraphics();
        g.setColor(java.awt.Color.DARK_GRAY);
        g.fillRect(0, 0, 1600, 1000);
        g.drawImage(TestImages.photo("astronaut.jpg"), 1150, 600, 200, 200, null);
        g.dispose();
        List<FaceFinding> faces = models().faces(canvas);
        assertEquals(1, faces.size(), "faces: " + faces);
        FaceFinding face = faces.getFirst();
        float cx = (face.box().left() + face.box().width() / 2) * 1600;
        float cy = (face.box().top() + face.box().height() / 2) * 1000;
        assertTrue(cx > 1150 + 0.38 * 200 && cx < 1150 + 0.52 * 200 && cy > 600 + 0.15 * 200 && cy < 600 + 0.33 * 200, "box " + face.box());
    }

    @Test
    void givesTheSameAnswersToConcurrentCalls() throws Exception {
        BufferedImage photo = TestImages.photo("grace_hopper.jpg");
        float[] expected = only(models().faces(photo));
        List<Callable<float[]>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> only(models().faces(photo)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<float[]> result : pool.invokeAll(calls)) {
                assertArrayEquals(expected, result.get(), 1e-4f);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static float[] only(List<FaceFinding> faces) {
        assertEquals(1, faces.size(), "faces: " + faces);
        return faces.getFirst().embedding();
    }

    @Test
    void detectsCocoObjectsOnPhotosThatShowThem() throws Exception {
        assertTop("astronaut.jpg", "person");
        assertTop("cat.jpg", "cat");
        assertTop("motorcycle.jpg", "motorcycle");
        assertTop("coffee.jpg", "cup");
        assertEquals(List.of(), models().objects(TestImages.photo("rocket.jpg")).stream()
                .filter(o -> o.confidence() > 50).toList(), "nothing COCO knows well on a rocket launch");
    }

    private void assertTop(String photo, String expected) throws Exception {
        List<ObjectFinding> found = models().objects(TestImages.photo(photo));
        assertTrue(!found.isEmpty(), photo + ": nothing found");
        ObjectFinding top = found.getFirst();
        assertEquals(expected, top.className(), photo + ": " + found);
        assertTrue(top.box().width() > 0.3 && top.box().height() > 0.3, photo + ": " + top.box());
    }

    @Test
    void readsBackRenderedTextAsLinesAndWords() throws Exception {
        for (String font : List.of("SansSerif", "Serif")) {
            for (int size : List.of(24, 40)) {
                List<TextFinding> found = models().text(TestImages.text(font, size, "Quick brown fox", "Invoice paid 2026"));
                List<TextFinding> lines = found.stream().filter(t -> t.type().equals("LINE")).toList();
                String where = font + " " + size + ": " + found;
                assertEquals(List.of("Quick brown fox", "Invoice paid 2026"), lines.stream().map(TextFinding::text).toList(), where);
                List<TextFinding> words = found.stream().filter(t -> t.type().equals("WORD")).toList();
                assertEquals(List.of("Quick", "brown", "fox", "Invoice", "paid", "2026"), words.stream().map(TextFinding::text).toList(), where);
                assertTrue(words.stream().allMatch(w -> w.parentId() != null), where);
                assertEquals(lines.getFirst().id(), words.getFirst().parentId().intValue(), where);
                TextFinding first = lines.getFirst();
                assertTrue(first.box().top() < lines.get(1).box().top(), "lines top to bottom: " + where);
                assertTrue(words.get(0).box().left() < words.get(1).box().left()
                        && words.get(1).box().left() < words.get(2).box().left(), "words left to right: " + where);
                assertEquals(4, first.polygon().size());
            }
        }
    }

    @Test
    void readsNoTextWhereThereIsNone() throws Exception {
        assertEquals(List.of(), models().text(TestImages.photo("coffee.jpg")));
    }
}
