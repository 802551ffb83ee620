package io.haneul.rekognition.customlabels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlDatasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a SageMaker Ground Truth manifest (JSON Lines, one image a line) as Custom Labels does: every
 * line is an object with a {@code source-ref}; its labels are read from each attribute {@code A} that has
 * an {@code A-metadata} object: an image-level label from {@code class-name}, several from a
 * {@code class-map} indexed by the attribute's list of class ids, and object-detection labels from a
 * {@code class-map} indexed by the {@code class_id} of each of the attribute's {@code annotations} (one
 * bounding box each). A later line with the same source-ref replaces an earlier one.
 *
 * <p>The manifest is read line by line, never whole. As Custom Labels' validation rules document, a manifest
 * holds at most {@link #MAX_LINES} lines, blank ones counted; a line is at most {@link #MAX_LINE_CHARS} characters
 * (AWS documents no bound for one line: this one is Haneul's, far above what 50 bounding boxes take). A source-ref
 * is an {@code s3://bucket/key} of at most {@link #MAX_SOURCE_REF_BYTES} UTF-8 bytes (the longest bucket name and
 * object key) with no NUL. Anything else is InvalidParameterException.
 */
public final class GroundTruthLines {

    public static final int MAX_LINES = 250_000;
    public static final int MAX_LINE_CHARS = 1024 * 1024;
    public static final int MAX_SOURCE_REF_BYTES = "s3://".length() + 63 + 1 + 1024;

    private final ObjectMapper json = new ObjectMapper();

    public List<SqlDatasets.Entry> read(String manifest) {
        try {
            return read(new StringReader(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<SqlDatasets.Entry> read(Reader manifest) throws IOException {
        Map<String, SqlDatasets.Entry> entries = new LinkedHashMap<>();
        BufferedReader in = manifest instanceof BufferedReader b ? b : new BufferedReader(manifest);
        StringBuilder line = new StringBuilder();
        int number = 0;
        while (nextLine(in, line, number + 1)) {
            number++;
            if (number > MAX_LINES) {
                throw RekognitionException.invalidParameter("The manifest has more than " + MAX_LINES + " lines");
            }
            String text = line.toString().strip();
            if (!text.isEmpty()) {
                SqlDatasets.Entry entry = entry(text, number);
                entries.put(entry.sourceRef(), entry);
            }
        }
        return new ArrayList<>(entries.values());
    }

    /** Reads the next line (without its end) into {@code line}; false at the end of the manifest. */
    private static boolean nextLine(BufferedReader in, StringBuilder line, int number) throws IOException {
        line.setLength(0);
        int ch = in.read();
        if (ch < 0) {
            return false;
        }
        while (ch >= 0 && ch != '\n') {
            if (line.length() == MAX_LINE_CHARS) {
                throw RekognitionException.invalidParameter("Line " + number + " of the manifest is longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append((char) ch);
            ch = in.read();
        }
        return true;
    }

    private SqlDatasets.Entry entry(String line, int number) {
        JsonNode doc;
        try {
            doc = json.readTree(line);
        } catch (IOException e) {
            throw RekognitionException.invalidParameter("Line " + number + " of the manifest is not JSON");
        }
        if (doc == null || !doc.isObject() || !doc.path("source-ref").isTextual() || doc.path("source-ref").asText().isEmpty()) {
            throw RekognitionException.invalidParameter("Line " + number + " of the manifest has no source-ref");
        }
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (Iterator<String> names = doc.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode meta = doc.path(name + "-metadata");
            if (!name.endsWith("-metadata") && meta.isObject()) {
                labels(doc.get(name), meta, labels);
            }
        }
        return new SqlDatasets.Entry(sourceRef(doc.get("source-ref").asText(), number), line, labels);
    }

    /** Whether {@code ref} is an {@code s3://bucket/key} of at most {@link #MAX_SOURCE_REF_BYTES} UTF-8 bytes with no NUL. */
    public static boolean isSourceRef(String ref) {
        int slash = ref.indexOf('/', "s3://".length());
        return ref.startsWith("s3://") && slash > "s3://".length() && slash < ref.length() - 1 && ref.indexOf('\0') < 0
                && ref.length() <= MAX_SOURCE_REF_BYTES && ref.getBytes(StandardCharsets.UTF_8).length <= MAX_SOURCE_REF_BYTES;
    }

    private static String sourceRef(String ref, int number) {
        if (!isSourceRef(ref)) {
            throw RekognitionException.invalidParameter("Line " + number + " of the manifest has a source-ref that is not an s3://bucket/key "
                    + "of at most " + MAX_SOURCE_REF_BYTES + " bytes");
        }
        return ref;
    }

    private static void labels(JsonNode value, JsonNode meta, Map<String, Integer> labels) {
        if (meta.path("class-name").isTextual()) {
            labels.putIfAbsent(meta.get("class-name").asText(), 0);
            return;
        }
        JsonNode classes = meta.path("class-map");
        if (!classes.isObject()) {
            return;
        }
        if (value.isArray()) {
            for (JsonNode id : value) {
                String label = classes.path(id.asText()).asText(null);
                if (label != null) {
                    labels.putIfAbsent(label, 0);
                }
            }
        } else if (value.path("annotations").isArray()) {
            for (JsonNode box : value.get("annotations")) {
                String label = classes.path(box.path("class_id").asText()).asText(null);
                if (label != null) {
                    labels.merge(label, 1, Integer::sum);
                }
            }
        }
    }
}
