package io.haneul.rekognition.text;

import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.TextFinding;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DetectText's Filters. WordFilter drops words below MinConfidence or smaller than
 * MinBoundingBoxHeight/Width (ratios of the image); RegionsOfInterest keep a word when at least half
 * of its box lies inside one region. A line stays while at least one of its words does (it is
 * answered whole, as AWS answers a line). AWS reads at most 100 words in an image; so does Haneul.
 */
public final class TextRules {

    public static final int MAX_WORDS = 100;

    /** WordFilter's three bars (0 when not given). */
    public record WordFilter(float minConfidence, float minHeight, float minWidth) {
        public static final WordFilter NONE = new WordFilter(0, 0, 0);
    }

    private TextRules() {
    }

    public static List<TextFinding> filter(List<TextFinding> found, WordFilter words, List<Box> regions) {
        boolean anyWords = found.stream().anyMatch(t -> "WORD".equals(t.type()));
        List<TextFinding> keptWords = found.stream()
                .filter(t -> "WORD".equals(t.type()))
                .filter(t -> t.confidence() >= words.minConfidence() && t.box().height() >= words.minHeight()
                        && t.box().width() >= words.minWidth() && inRegions(t.box(), regions))
                .limit(MAX_WORDS)
                .toList();
        Set<Integer> linesWithWords = new HashSet<>();
        keptWords.forEach(w -> {
            if (w.parentId() != null) {
                linesWithWords.add(w.parentId());
            }
        });
        return found.stream()
                .filter(t -> "LINE".equals(t.type()) ? (anyWords ? linesWithWords.contains(t.id()) : inRegions(t.box(), regions))
                        : keptWords.contains(t))
                .toList();
    }

    private static boolean inRegions(Box b, List<Box> regions) {
        if (regions == null || regions.isEmpty()) {
            return true;
        }
        double area = (double) b.width() * b.height();
        for (Box r : regions) {
            double w = Math.min(b.left() + b.width(), r.left() + r.width()) - Math.max(b.left(), r.left());
            double h = Math.min(b.top() + b.height(), r.top() + r.height()) - Math.max(b.top(), r.top());
            if (w > 0 && h > 0 && (area <= 0 || w * h >= area / 2)) {
                return true;
            }
        }
        return false;
    }
}
