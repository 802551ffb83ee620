package io.haneul.rekognition.labels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rekognition's names for what the detector finds: {@code labels.tsv} maps each COCO-80 class to a
 * Rekognition label with its parents, categories and aliases, and lists the parent labels themselves
 * (with their own parents and categories). The table is documented in docs/rekognition.md.
 */
public final class LabelTable {

    /** One Rekognition label of the table. */
    public record Entry(String name, List<String> parents, List<String> categories, List<String> aliases) {
    }

    private final Map<String, Entry> byClass = new HashMap<>();
    private final Map<String, Entry> byName = new HashMap<>();

    public LabelTable() {
        try (var in = LabelTable.class.getResourceAsStream("/io/haneul/rekognition/labels.tsv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                Entry e = new Entry(cols[1], list(cols[2]), list(cols[3]), list(cols[4]));
                byName.put(e.name(), e);
                if (!cols[0].equals("-")) {
                    byClass.put(cols[0], e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label for a detector class (COCO's names, e.g. "person", "cell phone"); empty for a class the table lacks. */
    public Optional<Entry> forClass(String detectorClass) {
        return Optional.ofNullable(byClass.get(detectorClass.toLowerCase(java.util.Locale.ROOT)));
    }

    /** A label (one mapped from a class, or a parent) by its Rekognition name. */
    public Optional<Entry> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static List<String> list(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.stream(cell.split(";")).map(String::trim).toList();
    }
}
