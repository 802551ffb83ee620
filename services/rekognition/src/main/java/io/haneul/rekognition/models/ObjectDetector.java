package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.ObjectFinding;
import io.haneul.rekognition.vision.VisionException;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CenterNet (MobileNetV3 backbone, COCO-80) from human-models: a 128 x 128 heatmap per class and,
 * at each cell, the distances from the object's centre to its four sides. A detection is a heatmap
 * peak (the 3 x 3 local maximum, as the model's own post-processing does) above the threshold.
 */
final class ObjectDetector implements AutoCloseable {

    private static final int INPUT = 512;
    private static final int STRIDE = 4;
    private static final float MIN_SCORE = 0.2f;

    private final OrtModel model;

    ObjectDetector(Path cacheDir) {
        model = TfjsModels.human("centernet", List.of("tower_0/keypoints", "tower_0/wh"), cacheDir);
    }

    List<ObjectFinding> detect(BufferedImage image) throws VisionException {
        Pixels.Letterbox input = Pixels.letterbox(image, INPUT, v -> v);
        Map<String, OrtModel.Output> out = model.run(input.tensor(), new long[] {1, INPUT, INPUT, 3});
        OrtModel.Output heat = out.get("tower_0/keypoints");
        float[] wh = out.get("tower_0/wh").values();
        int gh = (int) heat.shape()[1];
        int gw = (int) heat.shape()[2];
        int classes = (int) heat.shape()[3];
        float[] h = heat.values();
        List<Nms.Candidate> candidates = new ArrayList<>();
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                for (int c = 0; c < classes; c++) {
                    float score = h[(y * gw + x) * classes + c];
                    if (score < MIN_SCORE || !isPeak(h, gw, gh, classes, x, y, c, score)) {
                        continue;
                    }
                    int cell = (y * gw + x) * 4;
                    float cx = x * STRIDE;
                    float cy = y * STRIDE;
                    candidates.add(new Nms.Candidate(cx - wh[cell], cy - wh[cell + 1], cx + wh[cell + 2], cy + wh[cell + 3], score, c));
                }
            }
        }
        float imageW = image.getWidth() * input.scale();
        float imageH = image.getHeight() * input.scale();
        List<ObjectFinding> found = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int cls = c;
            List<Nms.Candidate> ofClass = candidates.stream().filter(k -> k.index() == cls).toList();
            for (Nms.Candidate k : Nms.suppress(ofClass, 0.5f, 100)) {
                float x1 = clamp(k.x1() / imageW);
                float y1 = clamp(k.y1() / imageH);
                float x2 = clamp(k.x2() / imageW);
                float y2 = clamp(k.y2() / imageH);
                if (x2 > x1 && y2 > y1) {
                    found.add(new ObjectFinding(CocoClasses.NAMES.get(cls), 100 * k.score(), new Box(x1, y1, x2 - x1, y2 - y1)));
                }
            }
        }
        found.sort((a, b) -> Float.compare(b.confidence(), a.confidence()));
        return found;
    }

    private static boolean isPeak(float[] h, int gw, int gh, int classes, int x, int y, int c, float score) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < gw && ny < gh && h[(ny * gw + nx) * classes + c] > score) {
                    return false;
                }
            }
        }
        return true;
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public void close() {
        model.close();
    }
}
