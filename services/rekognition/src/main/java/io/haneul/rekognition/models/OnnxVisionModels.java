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
 * Rekognition's models on ONNX Runtime: BlazeFace finds faces, FaceMesh confirms each and places
 * its landmarks, FaceRes and the emotion model
 * describe each upright crop, CenterNet finds COCO objects and PaddleOCR reads text. Every model
 * loads on first use; sessions are thread-safe, so one instance serves all requests.
 */
public final class OnnxVisionModels implements VisionModels {

    /** How much wider than the face the crop given to FaceMesh is (as MediaPipe and Human do). */
    private static final float MESH_CROP_SCALE = 1.5f;
    /** How much wider than the mesh's box the crop given to FaceRes is (calibrated, see docs). */
    private static final float DESCRIBE_CROP_SCALE = 1.5f;
    /** FaceMesh's face probability below which a detection is dropped as a false alarm. */
    private static final float MIN_FACE_PROBABILITY = 0.5f;

    private final FaceDetector detector;
    private final FaceMesh faceMesh;
    private final FaceDescriber describer;
    private final ObjectDetector objects;
    private final TextReader text;

    OnnxVisionModels(Path cacheDir) {
        detector = new FaceDetector(cacheDir);
        faceMesh = new FaceMesh(cacheDir);
        describer = new FaceDescriber(cacheDir);
        objects = new ObjectDetector(cacheDir);
        text = new TextReader();
    }

    @Override
    public List<FaceFinding> faces(BufferedImage image) throws VisionException {
        float width = image.getWidth();
        float height = image.getHeight();
        List<FaceFinding> faces = new ArrayList<>();
        List<float[]> boxes = new ArrayList<>();
        for (FaceDetector.Detection d : detector.detect(image)) {
            // First mesh pass on BlazeFace's box, second on the first mesh's own box: a tighter crop.
            float side = Math.max(d.x2() - d.x1(), d.y2() - d.y1()) * MESH_CROP_SCALE;
            Crop crop = new Crop((d.x1() + d.x2()) / 2, (d.y1() + d.y2()) / 2, side, FaceGeometry.eyeAngle(d.keypoints()));
            FaceMesh.Mesh mesh = faceMesh.run(crop.pixels(image, FaceMesh.INPUT));
            if (mesh.faceProbability() < MIN_FACE_PROBABILITY) {
                continue;
            }
            float[] points = crop.toImage(mesh.points(), FaceMesh.INPUT);
            float[] bounds = bounds(points);
            crop = new Crop((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2,
                    Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1]) * MESH_CROP_SCALE, MeshLandmarks.eyeAngle(points));
            mesh = faceMesh.run(crop.pixels(image, FaceMesh.INPUT));
            if (mesh.faceProbability() < MIN_FACE_PROBABILITY) {
                continue;
            }
            float[] cropPoints = mesh.points();
            points = crop.toImage(cropPoints, FaceMesh.INPUT);
            bounds = bounds(points);
            float[] faceBounds = bounds;
            if (boxes.stream().anyMatch(b -> overlap(b, faceBounds) > 0.5f)) {
                continue;
            }
            boxes.add(bounds);
            double angle = MeshLandmarks.eyeAngle(points);
            float cx = (bounds[0] + bounds[2]) / 2;
            float cy = (bounds[1] + bounds[3]) / 2;
            float faceSide = Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1]);
            BufferedImage faceCrop = new Crop(cx, cy, faceSide * DESCRIBE_CROP_SCALE, angle).pixels(image, 224);
            FaceDescriber.Description description = describer.describe(faceCrop);
            float x1 = Math.max(0, bounds[0] / width);
            float y1 = Math.max(0, bounds[1] / height);
            float x2 = Math.min(1, bounds[2] / width);
            float y2 = Math.min(1, bounds[3] / height);
            faces.add(new FaceFinding(
                    new Box(x1, y1, x2 - x1, y2 - y1),
                    100 * mesh.faceProbability(),
                    MeshLandmarks.landmarks(points, width, height),
                    MeshLandmarks.pose(cropPoints, angle),
                    FaceGeometry.quality(new Crop(cx, cy, faceSide, angle).pixels(image, 112)),
                    description.ageRange(),
                    description.gender(),
                    description.emotions(),
                    MeshLandmarks.state(MeshLandmarks.eyeRatio(points), MeshLandmarks.EYES_OPEN_RATIO),
                    MeshLandmarks.state(MeshLandmarks.mouthRatio(points), MeshLandmarks.MOUTH_OPEN_RATIO),
                    null,
                    description.embedding()));
        }
        faces.sort((a, b) -> Float.compare(b.confidence(), a.confidence()));
        return faces;
    }

    /** A square region of the image, {@code side} pixels wide, centred on (cx, cy), turned upright by {@code angle}. */
    private record Crop(float cx, float cy, float side, double angle) {

        BufferedImage pixels(BufferedImage image, int size) {
            return Pixels.crop(image, cx, cy, side, angle, size);
        }

        /** Mesh points (x, y, z) in crop pixels back to image pixels (z scaled alike). */
        float[] toImage(float[] points, int size) {
            float[] out = new float[points.length];
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            float scale = side / size;
            for (int i = 0; i < points.length; i += 3) {
                double u = (points[i] - size / 2f) * scale;
                double v = (points[i + 1] - size / 2f) * scale;
                out[i] = (float) (cx + u * cos - v * sin);
                out[i + 1] = (float) (cy + u * sin + v * cos);
                out[i + 2] = points[i + 2] * scale;
            }
            return out;
        }
    }

    /** {x1, y1, x2, y2} around the points. */
    private static float[] bounds(float[] points) {
        float[] b = {Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < points.length; i += 3) {
            b[0] = Math.min(b[0], points[i]);
            b[1] = Math.min(b[1], points[i + 1]);
            b[2] = Math.max(b[2], points[i]);
            b[3] = Math.max(b[3], points[i + 1]);
        }
        return b;
    }

    private static float overlap(float[] a, float[] b) {
        return new Nms.Candidate(a[0], a[1], a[2], a[3], 0, 0).iou(new Nms.Candidate(b[0], b[1], b[2], b[3], 0, 0));
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
        faceMesh.close();
        describer.close();
        objects.close();
        text.close();
    }
}
