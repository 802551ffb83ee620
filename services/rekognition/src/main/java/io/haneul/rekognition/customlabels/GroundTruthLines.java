package io.haneul.rekognition.customlabels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlDatasets;

import java.io.IOException;
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
 */
public final class GroundTruthLines {

    private final ObjectMapper json = new ObjectMapper();

    public List<SqlDatasets.Entry> read(String manifest) {
        Map<String, SqlDatasets.Entry> entries = new LinkedHashMap<>();
        int number = 0;
        for (String line : manifest.split("\r?\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            SqlDatasets.Entry entry = entry(line.strip(), number);
            entries.put(entry.sourceRef(), entry);
        }
        return new ArrayList<>(entries.values());
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
        return new SqlDatasets.Entry(doc.get("source-ref").asText(), line, labels);
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
