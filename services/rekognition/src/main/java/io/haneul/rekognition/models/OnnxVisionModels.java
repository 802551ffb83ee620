package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.FaceFinding;
import io.haneul.rekognition.vision.ObjectFinding;
import io.haneul.rekognition.vision.TextFinding;
import io.haneul.rekognition.vision.VisionException;
import io.haneul.rekognition.vision.VisionModels;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rekognition's models on ONNX Runtime: BlazeFace finds faces, FaceRes and the emotion model
 * describe each upright crop, CenterNet finds COCO objects and PaddleOCR reads text. Every model
 * loads on first use; sessions are thread-safe, so one instance serves all requests.
 */
public final class OnnxVisionModels implements VisionModels {

    /** How much wider than BlazeFace's box the crop given to FaceRes is (calibrated, see docs). */
    private static final float CROP_SCALE = 1.0f;

    private final FaceDetector detector;
    private final FaceDescriber describer;
    private final ObjectDetector objects;
    private final TextReader text;

    OnnxVisionModels(Path cacheDir) {
        detector = new FaceDetector(cacheDir);
        describer = new FaceDescriber(cacheDir);
        objects = new ObjectDetector(cacheDir);
        text = new TextReader();
    }

    @Override
    public List<FaceFinding> faces(BufferedImage image) throws VisionException {
        float width = image.getWidth();
        float height = image.getHeight();
        List<FaceFinding> faces = new ArrayList<>();
        for (FaceDetector.Detection d : detector.detect(image)) {
            float[][] k = d.keypoints();
            double angle = FaceGeometry.eyeAngle(k);
            float side = Math.max(d.x2() - d.x1(), d.y2() - d.y1()) * CROP_SCALE;
            BufferedImage crop = Pixels.crop(image, (d.x1() + d.x2()) / 2, (d.y1() + d.y2()) / 2, side, angle, 224);
            FaceDescriber.Description description = describer.describe(crop);
            Map<String, float[]> landmarks = new LinkedHashMap<>();
            boolean firstIsLeft = k[0][0] <= k[1][0];
            landmarks.put("eyeLeft", ratio(firstIsLeft ? k[0] : k[1], width, height));
            landmarks.put("eyeRight", ratio(firstIsLeft ? k[1] : k[0], width, height));
            landmarks.put("nose", ratio(k[2], width, height));
            boolean earFirstIsLeft = k[4][0] <= k[5][0];
            landmarks.put("upperJawlineLeft", ratio(earFirstIsLeft ? k[4] : k[5], width, height));
            landmarks.put("upperJawlineRight", ratio(earFirstIsLeft ? k[5] : k[4], width, height));
            float x1 = Math.max(0, d.x1() / width);
            float y1 = Math.max(0, d.y1() / height);
            float x2 = Math.min(1, d.x2() / width);
            float y2 = Math.min(1, d.y2() / height);
            faces.add(new FaceFinding(
                    new Box(x1, y1, x2 - x1, y2 - y1),
                    100 * d.score(),
                    landmarks,
                    FaceGeometry.pose(k),
                    FaceGeometry.quality(crop),
                    description.ageRange(),
                    description.gender(),
                    description.emotions(),
                    null,
                    null,
                    null,
                    description.embedding()));
        }
        faces.sort((a, b) -> Float.compare(b.confidence(), a.confidence()));
        return faces;
    }

    private static float[] ratio(float[] point, float width, float height) {
        return new float[] {point[0] / width, point[1] / height};
    }

    @Override
    public List<ObjectFinding> objects(BufferedImage image) throws VisionException {
        return objects.detect(image);
    }

    @Override
    public List<TextFinding> text(BufferedImage image) throws VisionException {
        return text.read(image);
    }

    @Override
    public float similarity(float[] first, float[] second) {
        return FaceSimilarity.similarity(first, second);
    }

    @Override
    public String faceModelVersion() {
        return "haneul-1.0";
    }

    @Override
    public void close() {
        detector.close();
        describer.close();
        objects.close();
        text.close();
    }
}
