package io.haneul.rekognition.bulk;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestLinesTest {

    List<ManifestLines.Entry> read(String manifest) throws Exception {
        List<ManifestLines.Entry> entries = new ArrayList<>();
        int count = ManifestLines.read(new StringReader(manifest), entries::add);
        assertEquals(entries.size(), count);
        return entries;
    }

    @Test
    void imagesAreNamedByTheirSourceRefWithLineNumbersCountingBlankLines() throws Exception {
        List<ManifestLines.Entry> entries = read("""
                {"source-ref": "s3://pics/a/cat.jpg", "extra": 1}

                {"source-ref": "s3://pics/dog.png"}""");
        assertEquals(List.of(new ManifestLines.Image(1, "s3://pics/a/cat.jpg", "pics", "a/cat.jpg"),
                new ManifestLines.Image(3, "s3://pics/dog.png", "pics", "dog.png")), entries);
    }

    @Test
    void linesThatNameNoImageAreInvalidWithTheirReason() throws Exception {
        List<ManifestLines.Entry> entries = read(String.join("\n", "not json", "[1, 2]", "{\"source-ref\": 7}", "{\"other\": \"s3://b/k\"}",
                "{\"source-ref\": \"https://b/k\"}", "{\"source-ref\": \"s3://bucket-only\"}", "{\"source-ref\": \"s3://b/\"}",
                "{\"source-ref\": \"s3:///key\"}") + "\n");
        assertEquals(8, entries.size());
        entries.forEach(e -> assertTrue(e instanceof ManifestLines.Invalid, e::toString));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), entries.stream().map(ManifestLines.Entry::lineNumber).toList());
        assertEquals("https://b/k", ((ManifestLines.Invalid) entries.get(4)).sourceRef());
        assertEquals(null, ((ManifestLines.Invalid) entries.getFirst()).sourceRef());
    }

    @Test
    void anOverlongLineIsInvalidAndTheNextLineStillRead() throws Exception {
        String longLine = "{\"source-ref\": \"s3://b/" + "k".repeat(ManifestLines.MAX_LINE_CHARS) + "\"}";
        List<ManifestLines.Entry> entries = read(longLine + "\n{\"source-ref\": \"s3://b/next.jpg\"}\n");
        assertTrue(entries.getFirst() instanceof ManifestLines.Invalid);
        assertEquals(new ManifestLines.Image(2, "s3://b/next.jpg", "b", "next.jpg"), entries.get(1));
    }

    @Test
    void aManifestOverTheBoundIsRefusedBeforeItsExtraLine() {
        int[] seen = {0};
        String manifest = "x\n".repeat(ManifestLines.MAX_ENTRIES) + "\n\n";
        assertEquals(ManifestLines.MAX_ENTRIES, assertDoesNotThrow(() -> ManifestLines.read(new StringReader(manifest), e -> seen[0]++)));
        assertThrows(ManifestLines.TooLarge.class, () -> ManifestLines.read(new StringReader(manifest + "x"), e -> seen[0]++));
        assertEquals(2 * ManifestLines.MAX_ENTRIES, seen[0]);
    }

    @Test
    void anEmptyManifestHasNoEntries() throws Exception {
        assertEquals(List.of(), read("\n  \n\n"));
    }

    @Test
    void aSourceRefOverTheBoundIsInvalidAndNotKept() throws Exception {
        String ref = "s3://b/" + "k".repeat(io.haneul.rekognition.customlabels.GroundTruthLines.MAX_SOURCE_REF_BYTES);
        ManifestLines.Invalid bad = (ManifestLines.Invalid) read("{\"source-ref\": \"" + ref + "\"}\n").getFirst();
        assertEquals(null, bad.sourceRef());
        assertTrue(bad.message().contains("at most"));
    }
}
