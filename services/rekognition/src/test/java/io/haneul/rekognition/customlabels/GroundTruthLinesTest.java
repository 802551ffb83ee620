package io.haneul.rekognition.customlabels;

import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlDatasets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroundTruthLinesTest {

    final GroundTruthLines lines = new GroundTruthLines();

    @Test
    void labelsComeFromClassNamesClassMapsAndAnnotations() {
        String manifest = """
                {"source-ref": "s3://b/cat.jpg", "animal": 1, "animal-metadata": {"class-name": "cat", "type": "groundtruth/image-classification"}}
                {"source-ref": "s3://b/pets.jpg", "pets": [0, 2], "pets-metadata": {"class-map": {"0": "cat", "1": "dog", "2": "bird"}}}
                {"source-ref": "s3://b/boxes.jpg", "bb": {"image_size": [{"width": 640, "height": 480, "depth": 3}], "annotations": [
                  {"class_id": 1, "top": 10, "left": 10, "width": 50, "height": 50}, {"class_id": 1, "top": 90, "left": 90, "width": 50, "height": 50},
                  {"class_id": 0, "top": 5, "left": 300, "width": 40, "height": 40}]},
                  "bb-metadata": {"class-map": {"0": "cat", "1": "dog"}, "type": "groundtruth/object-detection"}}
                {"source-ref": "s3://b/none.jpg"}
                """.replace("\n  ", " "); // the indented lines continue the line above
        List<SqlDatasets.Entry> entries = lines.read(manifest);
        assertEquals(List.of("s3://b/cat.jpg", "s3://b/pets.jpg", "s3://b/boxes.jpg", "s3://b/none.jpg"),
                entries.stream().map(SqlDatasets.Entry::sourceRef).toList());
        assertEquals(Map.of("cat", 0), entries.get(0).labels());
        assertEquals(Map.of("cat", 0, "bird", 0), entries.get(1).labels());
        assertEquals(Map.of("dog", 2, "cat", 1), entries.get(2).labels());
        assertEquals(Map.of(), entries.get(3).labels());
    }

    @Test
    void aLaterLineForTheSameImageReplacesTheEarlier() {
        List<SqlDatasets.Entry> entries = lines.read("""
                {"source-ref": "s3://b/a.jpg", "x": 0, "x-metadata": {"class-name": "cat"}}
                {"source-ref": "s3://b/a.jpg", "x": 0, "x-metadata": {"class-name": "dog"}}
                """);
        assertEquals(1, entries.size());
        assertEquals(Map.of("dog", 0), entries.getFirst().labels());
    }

    @Test
    void aLineThatIsNotJsonOrHasNoSourceRefIsRefused() {
        for (String bad : List.of("{\"source-ref\": \"s3://b/a.jpg\"}\nnot json", "{\"image\": \"s3://b/a.jpg\"}", "[1, 2]")) {
            assertEquals("InvalidParameterException", assertThrows(RekognitionException.class, () -> lines.read(bad)).code());
        }
    }

    static String line(String sourceRef) {
        return "{\"source-ref\": \"" + sourceRef + "\"}\n";
    }

    @Test
    void aManifestOfMoreLinesThanCustomLabelsTakesIsInvalid() {
        String atLimit = line("s3://b/a.jpg") + "\n".repeat(GroundTruthLines.MAX_LINES - 1);
        assertEquals(1, lines.read(atLimit).size());
        RekognitionException e = assertThrows(RekognitionException.class, () -> lines.read(atLimit + "\n"));
        assertEquals("InvalidParameterException", e.code());
    }

    @Test
    void aLineLongerThanTheBoundIsInvalid() {
        String padded = "{\"source-ref\": \"s3://b/a.jpg\", \"note\": \"";
        String atLimit = padded + "x".repeat(GroundTruthLines.MAX_LINE_CHARS - padded.length() - 2) + "\"}";
        assertEquals(1, lines.read(atLimit + "\n").size());
        RekognitionException e = assertThrows(RekognitionException.class, () -> lines.read(atLimit + " \n"));
        assertEquals("InvalidParameterException", e.code());
    }

    @Test
    void aSourceRefMustBeAShortS3UriWithoutNul() {
        String longest = "s3://" + "b".repeat(63) + "/" + "k".repeat(1024);
        assertEquals(longest, lines.read(line(longest)).getFirst().sourceRef());
        for (String bad : List.of("b/a.jpg", "s3://", "s3://b", "s3://b/", "s3:///a.jpg", "s3://b/a\\u0000.jpg", longest + "k",
                "https://b.s3.amazonaws.com/a.jpg")) {
            RekognitionException e = assertThrows(RekognitionException.class, () -> lines.read(line(bad)), bad);
            assertEquals("InvalidParameterException", e.code(), bad);
        }
    }
}
