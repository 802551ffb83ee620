package io.haneul.rekognition.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: keeps the best candidate of each group of overlapping boxes. */
final class Nms {

    private Nms() {
    }

    /** A box in any pixel space (x1, y1, x2, y2), its score and the index of what it came from. */
    record Candidate(float x1, float y1, float x2, float y2, float score, int index) {

        float area() {
            return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        }

        float iou(Candidate o) {
            float w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
            float h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
            if (w <= 0 || h <= 0) {
                return 0;
            }
            float inter = w * h;
            return inter / (area() + o.area() - inter);
        }
    }

    static List<Candidate> suppress(List<Candidate> candidates, float iouThreshold, int max) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            if (kept.size() >= max) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.iou(c) > iouThreshold)) {
                kept.add(c);
            }
        }
        return kept;
    }
}
