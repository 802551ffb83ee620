package io.haneul.rekognition.video;

import io.haneul.rekognition.vision.Box;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows people (or faces) between sampled frames by box overlap: each box of a frame joins the
 * track whose last box overlaps it most (intersection over union at least {@link #MIN_IOU}), each
 * track taking at most one box a frame; a box that joins none starts a new track with the next index.
 * A track not seen for {@code maxGapMillis} ends. A simple tracker: people who cross or move far
 * between two samples may swap or change index.
 */
public final class PersonTracker {

    public static final float MIN_IOU = 0.3f;

    private record Track(int index, Box last, long seenMillis) {
    }

    private final long maxGapMillis;
    private final List<Track> tracks = new ArrayList<>();
    private int next;

    public PersonTracker(long maxGapMillis) {
        this.maxGapMillis = maxGapMillis;
    }

    /** The index of each box of the frame at {@code millis}, in the order given. */
    public int[] track(long millis, List<Box> boxes) {
        tracks.removeIf(t -> millis - t.seenMillis() > maxGapMillis);
        int[] indexes = new int[boxes.size()];
        java.util.Arrays.fill(indexes, -1);
        boolean[] taken = new boolean[tracks.size()];
        // best pairs first, so that two boxes near one track go to the one that overlaps it more
        List<float[]> pairs = new ArrayList<>();
        for (int b = 0; b < boxes.size(); b++) {
            for (int t = 0; t < tracks.size(); t++) {
                float iou = iou(boxes.get(b), tracks.get(t).last());
                if (iou >= MIN_IOU) {
                    pairs.add(new float[] {iou, b, t});
                }
            }
        }
        pairs.sort((x, y) -> Float.compare(y[0], x[0]));
        List<Track> updated = new ArrayList<>(tracks);
        for (float[] pair : pairs) {
            int b = (int) pair[1];
            int t = (int) pair[2];
            if (indexes[b] < 0 && !taken[t]) {
                indexes[b] = tracks.get(t).index();
                taken[t] = true;
                updated.set(t, new Track(tracks.get(t).index(), boxes.get(b), millis));
            }
        }
        for (int b = 0; b < boxes.size(); b++) {
            if (indexes[b] < 0) {
                indexes[b] = next++;
                updated.add(new Track(indexes[b], boxes.get(b), millis));
            }
        }
        tracks.clear();
        tracks.addAll(updated);
        return indexes;
    }

    static float iou(Box a, Box b) {
        float x1 = Math.max(a.left(), b.left());
        float y1 = Math.max(a.top(), b.top());
        float x2 = Math.min(a.left() + a.width(), b.left() + b.width());
        float y2 = Math.min(a.top() + a.height(), b.top() + b.height());
        float inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        float union = a.width() * a.height() + b.width() * b.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
