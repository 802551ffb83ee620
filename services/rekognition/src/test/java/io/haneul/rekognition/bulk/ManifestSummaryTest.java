package io.haneul.rekognition.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.haneul.rekognition.customlabels.GroundTruthLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestSummaryTest {

    @TempDir
    Path dir;

    @Test
    void theSummaryCountsLinesAndListsErrors() throws Exception {
        try (ManifestSummary s = new ManifestSummary(dir.resolve("errors"))) {
            s.analysed();
            s.failed(2, null, "InvalidManifestException", "The line is not valid JSON");
            s.failed(3, "s3://b/k", "InvalidS3ObjectException", "gone");
            try (InputStream in = s.content()) {
                assertEquals("{\"version\":\"1.0\",\"statistics\":{\"total-json-lines\":3,\"valid-json-lines\":1,\"invalid-json-lines\":2},"
                        + "\"errors\":[{\"line-number\":2,\"code\":\"InvalidManifestException\",\"message\":\"The line is not valid JSON\"},"
                        + "{\"line-number\":3,\"source-ref\":\"s3://b/k\",\"code\":\"InvalidS3ObjectException\",\"message\":\"gone\"}]}",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aSummaryWithoutErrorsHasAnEmptyList() throws Exception {
        try (ManifestSummary s = new ManifestSummary(dir.resolve("errors")); InputStream in = s.content()) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).endsWith("\"invalid-json-lines\":0},\"errors\":[]}"));
        }
    }

    /** Error records go to the file as they come (20k records of the longest source-ref: over 20 MB), and are read back streamed. */
    @Test
    void errorRecordsAreWrittenToTheFileAsTheyComeAndStreamedBack() throws Exception {
        Path file = dir.resolve("errors");
        String ref = "s3://b/" + "k".repeat(GroundTruthLines.MAX_SOURCE_REF_BYTES - "s3://b/".length());
        int records = 20_000;
        try (ManifestSummary s = new ManifestSummary(file)) {
            for (int i = 1; i <= records; i++) {
                s.failed(i, ref, "InvalidS3ObjectException", "gone");
            }
            assertTrue(Files.size(file) > (long) (records - 100) * ref.length(), "the records are on disk before the summary is read");
            int seen = 0;
            try (JsonParser p = new JsonFactory().createParser(s.content())) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.FIELD_NAME && p.currentName().equals("source-ref")) {
                        p.nextToken();
                        assertEquals(ref, p.getText());
                        seen++;
                    }
                }
            }
            assertEquals(records, seen);
            assertEquals(records, s.invalid());
        }
    }
}
