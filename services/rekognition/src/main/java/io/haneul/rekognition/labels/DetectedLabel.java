package io.haneul.rekognition.labels;

import io.haneul.rekognition.vision.Box;

import java.util.List;

/** A label as DetectLabels answers it: the objects seen (none for a parent label) and the table's names around it. */
public record DetectedLabel(String name, float confidence, List<Instance> instances, List<String> parents, List<String> categories,
                            List<String> aliases) {

    /** One object of the label, where it is. */
    public record Instance(Box box, float confidence) {
    }
}
