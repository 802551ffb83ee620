package io.haneul.rekognition.vision;

import java.util.List;

/**
 * One text detection as AWS's TextDetection: type LINE or WORD, an id, the parent line's id for a
 * word (null for a line), confidence 0 to 100, a box and its polygon (four points as ratios {x, y}).
 */
public record TextFinding(String type, int id, Integer parentId, String text, float confidence, Box box, List<float[]> polygon) {
}
