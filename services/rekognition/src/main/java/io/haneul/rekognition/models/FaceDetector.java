package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.VisionException;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BlazeFace (the 256 x 256 "back camera" variant for faces of any size in a photo) from
 * human-models: 896 anchors on a 16 x 16 grid (2 each) and an 8 x 8 grid (6 each); per anchor a
 * score logit, a box (centre offset and size in input pixels) and six keypoints (both eyes, nose
 * tip, mouth centre, both ear tragions).
 */
final class FaceDetector implements AutoCloseable {

    private static final int INPUT = 256;
    private static final float MIN_SCORE = 0.5f;

    /** A face in image pixels: its box, score and the six keypoints as {x, y} pairs. */
    record Detection(float x1, float y1, float x2, float y2, float score, float[][] keypoints) {
    }

    private final OrtModel model;
    private final float[][] anchors;

    FaceDetector(Path cacheDir) {
        model = TfjsModels.human("blazeface", List.of("Identity", "Identity_1", "Identity_2", "Identity_3"), cacheDir);
        anchors = anchors();
    }

    private static float[][] anchors() {
        List<float[]> list = new ArrayList<>();
        int[] strides = {INPUT / 16, INPUT / 8};
        int[] perCell = {2, 6};
        for (int s = 0; s < strides.length; s++) {
            int grid = (INPUT + strides[s] - 1) / strides[s];
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    for (int n = 0; n < perCell[s]; n++) {
                        list.add(new float[] {strides[s] * (gx + 0.5f), strides[s] * (gy + 0.5f)});
                    }
                }
            }
        }
        return list.toArray(float[][]::new);
    }

    /**
     * Faces in the whole image and, for images at least twice the model's input, in 3 x 3
     * overlapping half-size tiles as well, so that faces down to about 3% of the image's side are
     * found; duplicates across tiles are merged by non-maximum suppression.
     */
    List<Detection> detect(BufferedImage image) throws VisionException {
        List<Nms.Candidate> candidates = new ArrayList<>();
        List<float[][]> keypoints = new ArrayList<>();
        candidates(image, 0, 0, candidates, keypoints);
        int side = Math.max(image.getWidth(), image.getHeight());
        if (side >= 2 * INPUT) {
            int tileW = Math.max(1, image.getWidth() / 2);
            int tileH = Math.max(1, image.getHeight() / 2);
            for (int ty = 0; ty < 3; ty++) {
                for (int tx = 0; tx < 3; tx++) {
                    int x = tx * (image.getWidth() - tileW) / 2;
                    int y = ty * (image.getHeight() - tileH) / 2;
                    candidates(image.getSubimage(x, y, tileW, tileH), x, y, candidates, keypoints);
                }
            }
        }
        List<Detection> faces = new ArrayList<>();
        for (Nms.Candidate c : Nms.suppress(candidates, 0.3f, 100)) {
            faces.add(new Detection(c.x1(), c.y1(), c.x2(), c.y2(), c.score(), keypoints.get(c.index())));
        }
        return faces;
    }

    private void candidates(BufferedImage image, float offsetX, float offsetY, List<Nms.Candidate> candidates, List<float[][]> keypoints)
            throws VisionException {
        Pixels.Letterbox input = Pixels.letterbox(image, INPUT, v -> v / 127.5f - 1f);
        Map<String, OrtModel.Output> out = model.run(input.tensor(), new long[] {1, INPUT, INPUT, 3});
        float[] scores512 = null;
        float[] scores384 = null;
        float[] boxes512 = null;
        float[] boxes384 = null;
        for (OrtModel.Output o : out.values()) {
            long anchorsIn = o.shape()[1];
            boolean isScore = o.shape()[2] == 1;
            if (anchorsIn == 512) {
                if (isScore) {
                    scores512 = o.values();
                } else {
                    boxes512 = o.values();
                }
            } else if (isScore) {
                scores384 = o.values();
            } else {
                boxes384 = o.values();
            }
        }
        for (int i = 0; i < anchors.length; i++) {
            boolean first = i < 512;
            int j = first ? i : i - 512;
            float logit = first ? scores512[j] : scores384[j];
            float score = (float) (1 / (1 + Math.exp(-logit)));
            if (score < MIN_SCORE) {
                continue;
            }
            float[] r = first ? boxes512 : boxes384;
            int o = j * 16;
            float cx = anchors[i][0] + r[o];
            float cy = anchors[i][1] + r[o + 1];
            float w = r[o + 2];
            float h = r[o + 3];
            float s = input.scale();
            float[][] points = new float[6][];
            for (int k = 0; k < 6; k++) {
                points[k] = new float[] {offsetX + (anchors[i][0] + r[o + 4 + 2 * k]) / s, offsetY + (anchors[i][1] + r[o + 5 + 2 * k]) / s};
            }
            candidates.add(new Nms.Candidate(offsetX + (cx - w / 2) / s, offsetY + (cy - h / 2) / s,
                    offsetX + (cx + w / 2) / s, offsetY + (cy + h / 2) / s, score, keypoints.size()));
            keypoints.add(points);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
