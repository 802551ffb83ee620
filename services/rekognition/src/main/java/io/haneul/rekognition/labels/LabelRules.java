package io.haneul.rekognition.labels;

import io.haneul.rekognition.vision.ObjectFinding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DetectLabels' rules: detections become labels by the {@link LabelTable} (instances of one label
 * grouped, the label's confidence the best of them), every parent becomes a label of its own with the
 * best confidence below it (as AWS answers "Animal" beside "Dog"), then the filters apply: inclusion
 * and exclusion by label name and by category (case-insensitive), MinConfidence, and MaxLabels on
 * the list sorted by confidence.
 */
public final class LabelRules {

    /** The GeneralLabels settings; empty collections mean no filter. */
    public record Filters(Collection<String> labelsIn, Collection<String> labelsOut, Collection<String> categoriesIn,
                          Collection<String> categoriesOut) {
        public static final Filters NONE = new Filters(List.of(), List.of(), List.of(), List.of());
    }

    private final LabelTable table;

    public LabelRules(LabelTable table) {
        this.table = table;
    }

    public List<DetectedLabel> labels(List<ObjectFinding> objects, float minConfidence, int maxLabels, Filters filters) {
        Map<String, List<DetectedLabel.Instance>> instances = new LinkedHashMap<>();
        Map<String, Float> confidence = new LinkedHashMap<>();
        for (ObjectFinding o : objects) {
            table.forClass(o.className()).ifPresent(e -> {
                instances.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(new DetectedLabel.Instance(o.box(), o.confidence()));
                confidence.merge(e.name(), o.confidence(), Math::max);
                for (String parent : e.parents()) {
                    confidence.merge(parent, o.confidence(), Math::max);
                }
            });
        }
        List<DetectedLabel> out = new ArrayList<>();
        for (Map.Entry<String, Float> c : confidence.entrySet()) {
            LabelTable.Entry e = table.byName(c.getKey()).orElse(new LabelTable.Entry(c.getKey(), List.of(), List.of(), List.of()));
            List<DetectedLabel.Instance> seen = new ArrayList<>(instances.getOrDefault(e.name(), List.of()));
            seen.sort(Comparator.comparingDouble((DetectedLabel.Instance i) -> i.confidence()).reversed());
            out.add(new DetectedLabel(e.name(), c.getValue(), List.copyOf(seen), e.parents(), e.categories(), e.aliases()));
        }
        Set<String> in = lower(filters.labelsIn());
        Set<String> outNames = lower(filters.labelsOut());
        Set<String> catIn = lower(filters.categoriesIn());
        Set<String> catOut = lower(filters.categoriesOut());
        return out.stream()
                .filter(l -> l.confidence() >= minConfidence)
                .filter(l -> in.isEmpty() || in.contains(l.name().toLowerCase(Locale.ROOT)))
                .filter(l -> !outNames.contains(l.name().toLowerCase(Locale.ROOT)))
                .filter(l -> catIn.isEmpty() || l.categories().stream().anyMatch(c -> catIn.contains(c.toLowerCase(Locale.ROOT))))
                .filter(l -> l.categories().stream().noneMatch(c -> catOut.contains(c.toLowerCase(Locale.ROOT))))
                .sorted(Comparator.comparingDouble(DetectedLabel::confidence).reversed().thenComparing(DetectedLabel::name))
                .limit(maxLabels)
                .toList();
    }

    private static Set<String> lower(Collection<String> names) {
        return names == null ? Set.of() : names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
