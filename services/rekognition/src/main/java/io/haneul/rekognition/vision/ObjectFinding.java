package io.haneul.rekognition.vision;

/** One detected object: the detector's class name (e.g. COCO's "person"), confidence 0 to 100, its box. */
public record ObjectFinding(String className, float confidence, Box box) {
}
