package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.FaceFinding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads AWS's face landmarks and eye and mouth state off MediaPipe's 468-point mesh (points in
 * image pixels). "Left" is the image's left, as in AWS's answers (eyeLeft.X < eyeRight.X for a
 * face looking at the camera). Index numbers are MediaPipe's canonical face mesh.
 */
final class MeshLandmarks {

    /** AWS landmark type, then the mesh point(s) averaged for it. */
    private static final Object[][] LANDMARKS = {
            {"eyeLeft", new int[] {33, 133, 159, 145}},
            {"eyeRight", new int[] {362, 263, 386, 374}},
            {"nose", new int[] {1}},
            {"mouthLeft", new int[] {61}},
            {"mouthRight", new int[] {291}},
            {"leftEyeBrowLeft", new int[] {70}},
            {"leftEyeBrowRight", new int[] {107}},
            {"leftEyeBrowUp", new int[] {105}},
            {"rightEyeBrowLeft", new int[] {336}},
            {"rightEyeBrowRight", new int[] {300}},
            {"rightEyeBrowUp", new int[] {334}},
            {"leftEyeLeft", new int[] {33}},
            {"leftEyeRight", new int[] {133}},
            {"leftEyeUp", new int[] {159}},
            {"leftEyeDown", new int[] {145}},
            {"rightEyeLeft", new int[] {362}},
            {"rightEyeRight", new int[] {263}},
            {"rightEyeUp", new int[] {386}},
            {"rightEyeDown", new int[] {374}},
            {"noseLeft", new int[] {129}},
            {"noseRight", new int[] {358}},
            {"mouthUp", new int[] {0}},
            {"mouthDown", new int[] {17}},
            {"leftPupil", new int[] {33, 133, 159, 145}},
            {"rightPupil", new int[] {362, 263, 386, 374}},
            {"upperJawlineLeft", new int[] {234}},
            {"midJawlineLeft", new int[] {172}},
            {"chinBottom", new int[] {152}},
            {"midJawlineRight", new int[] {397}},
            {"upperJawlineRight", new int[] {454}},
    };

    /** Eye aspect ratio (lid gap over eye width) above which an eye counts as open. */
    static final float EYES_OPEN_RATIO = 0.18f;
    /** Inner-lip gap over mouth width above which the mouth counts as open. */
    static final float MOUTH_OPEN_RATIO = 0.12f;

    private MeshLandmarks() {
    }

    static Map<String, float[]> landmarks(float[] mesh, float width, float height) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Object[] entry : LANDMARKS) {
            int[] indices = (int[]) entry[1];
            float x = 0;
            float y = 0;
            for (int i : indices) {
                x += mesh[3 * i];
                y += mesh[3 * i + 1];
            }
            out.put((String) entry[0], new float[] {x / indices.length / width, y / indices.length / height});
        }
        return out;
    }

    static float eyeRatio(float[] mesh) {
        return (float) ((distance(mesh, 159, 145) + distance(mesh, 386, 374)) / (distance(mesh, 33, 133) + distance(mesh, 362, 263)));
    }

    static float mouthRatio(float[] mesh) {
        return (float) (distance(mesh, 13, 14) / distance(mesh, 61, 291));
    }

    /** True or false with a confidence that grows with the distance from the threshold. */
    static FaceFinding.Labelled state(float ratio, float threshold) {
        boolean open = ratio > threshold;
        float margin = Math.abs(ratio - threshold) / threshold;
        return new FaceFinding.Labelled(open ? "true" : "false", (float) (50 + 50 * Math.min(1, margin)));
    }

    /** Angle (radians) of the line from the image-left eye to the other. */
    static double eyeAngle(float[] mesh) {
        float lx = (mesh[3 * 33] + mesh[3 * 133]) / 2;
        float ly = (mesh[3 * 33 + 1] + mesh[3 * 133 + 1]) / 2;
        float rx = (mesh[3 * 362] + mesh[3 * 263]) / 2;
        float ry = (mesh[3 * 362 + 1] + mesh[3 * 263 + 1]) / 2;
        return Math.atan2(ry - ly, rx - lx);
    }

    /**
     * Head pose from the mesh in the upright crop (depth included): yaw from the line between the
     * face's sides, pitch from the line from forehead to chin, roll from the eye line in the image.
     */
    static FaceFinding.Pose pose(float[] cropMesh, double imageEyeAngle) {
        double[] across = vector(cropMesh, 234, 454);
        double[] down = vector(cropMesh, 10, 152);
        double yaw = Math.toDegrees(Math.atan2(across[2], across[0]));
        double pitch = Math.toDegrees(Math.atan2(-down[2], down[1]));
        return new FaceFinding.Pose((float) Math.toDegrees(imageEyeAngle), (float) yaw, (float) pitch);
    }

    private static double[] vector(float[] mesh, int from, int to) {
        return new double[] {mesh[3 * to] - mesh[3 * from], mesh[3 * to + 1] - mesh[3 * from + 1], mesh[3 * to + 2] - mesh[3 * from + 2]};
    }

    private static double distance(float[] mesh, int a, int b) {
        return Math.hypot(mesh[3 * a] - mesh[3 * b], mesh[3 * a + 1] - mesh[3 * b + 1]);
    }
}
