package io.haneul.rekognition.labels;

import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.ObjectFinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelRulesTest {

    private final LabelRules rules = new LabelRules(new LabelTable());
    private final List<ObjectFinding> found = List.of(
            new ObjectFinding("dog", 91f, new Box(0.1f, 0.1f, 0.3f, 0.3f)),
            new ObjectFinding("dog", 70f, new Box(0.5f, 0.5f, 0.2f, 0.2f)),
            new ObjectFinding("person", 99f, new Box(0.2f, 0.0f, 0.3f, 0.9f)),
            new ObjectFinding("car", 40f, new Box(0.0f, 0.6f, 0.4f, 0.3f)));

    @Test
    void detectionsBecomeRekognitionLabelsWithParents() {
        List<DetectedLabel> labels = rules.labels(found, 55, 1000, LabelRules.Filters.NONE);
        assertEquals(List.of("Person", "Animal", "Canine", "Dog", "Mammal", "Pet"), labels.stream().map(DetectedLabel::name).toList());
        DetectedLabel dog = labels.get(3);
        assertEquals(91f, dog.confidence());
        assertEquals(2, dog.instances().size());
        assertEquals(List.of("Animal", "Canine", "Mammal", "Pet"), dog.parents());
        assertEquals(List.of("Animals and Pets"), dog.categories());
        assertEquals(List.of("Puppy"), dog.aliases());
        assertTrue(labels.get(1).instances().isEmpty(), "a parent label has no instances");
        assertEquals(List.of("Human"), labels.getFirst().aliases());
    }

    @Test
    void filtersAndLimits() {
        assertEquals(List.of("Person", "Animal"), rules.labels(found, 55, 2, LabelRules.Filters.NONE).stream().map(DetectedLabel::name).toList());
        List<String> withCar = rules.labels(found, 30, 1000, LabelRules.Filters.NONE).stream().map(DetectedLabel::name).toList();
        assertTrue(withCar.containsAll(List.of("Car", "Vehicle", "Transportation")), withCar.toString());
        assertEquals(List.of("Dog"), rules.labels(found, 0, 1000, new LabelRules.Filters(List.of("dog"), List.of(), List.of(), List.of()))
                .stream().map(DetectedLabel::name).toList());
        assertEquals(List.of("Person"), rules.labels(found, 0, 1000, new LabelRules.Filters(List.of(), List.of(), List.of(),
                List.of("Animals and Pets", "Vehicles and Automotive"))).stream().map(DetectedLabel::name).toList());
        assertEquals(List.of("Car", "Transportation", "Vehicle"), rules.labels(found, 0, 1000, new LabelRules.Filters(List.of(), List.of(),
                List.of("Vehicles and Automotive"), List.of())).stream().map(DetectedLabel::name).toList());
    }

    @Test
    void everyCocoClassIsMapped() {
        LabelTable table = new LabelTable();
        for (String coco : List.of("person", "bicycle", "car", "traffic light", "cell phone", "hair drier", "toothbrush", "dining table")) {
            assertTrue(table.forClass(coco).isPresent(), coco);
        }
    }
}
