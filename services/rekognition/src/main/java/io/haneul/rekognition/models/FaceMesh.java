package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.VisionException;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe FaceMesh from human-models: on a 192 x 192 crop around a detected face it gives 468
 * points (x, y in crop pixels, z relative depth) and the probability that the crop holds a face,
 * which rejects the detector's false alarms (a cat's face, a pattern on a cup).
 */
final class FaceMesh implements AutoCloseable {

    static final int INPUT = 192;

    /** The mesh's points in crop pixels (x, y, z per point) and the face probability 0..1. */
    record Mesh(float[] points, float faceProbability) {
    }

    private final OrtModel model;

    FaceMesh(Path cacheDir) {
        model = TfjsModels.human("facemesh", List.of("Identity_1", "Identity_2"), cacheDir);
    }

    /** {@code crop} is INPUT x INPUT. */
    Mesh run(BufferedImage crop) throws VisionException {
        Map<String, OrtModel.Output> out = model.run(Pixels.rgb(crop, v -> v / 255f), new long[] {1, INPUT, INPUT, 3});
        float[] points = null;
        float probability = 0;
        for (OrtModel.Output o : out.values()) {
            if (o.values().length == 1) {
                probability = o.values()[0];
            } else {
                points = o.values();
            }
        }
        return new Mesh(points, probability);
    }

    @Override
    public void close() {
        model.close();
    }
}
