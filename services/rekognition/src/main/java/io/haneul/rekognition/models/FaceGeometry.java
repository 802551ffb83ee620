package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.FaceFinding;

import java.awt.image.BufferedImage;

/**
 * What the face's keypoints and pixels tell without another model: head pose estimated from the
 * six BlazeFace keypoints, and quality (brightness and sharpness) from the crop's pixel statistics.
 */
final class FaceGeometry {

    private FaceGeometry() {
    }

    /** Keypoint order from BlazeFace: 0 and 1 the eyes, 2 nose tip, 3 mouth centre, 4 and 5 the ears. */
    static FaceFinding.Pose pose(float[][] k) {
        float[] left = k[0][0] <= k[1][0] ? k[0] : k[1];
        float[] right = left == k[0] ? k[1] : k[0];
        double roll = Math.toDegrees(Math.atan2(right[1] - left[1], right[0] - left[0]));
        // Yaw: where the nose sits between the two ears (0.5 when facing the camera).
        float[] earL = k[4][0] <= k[5][0] ? k[4] : k[5];
        float[] earR = earL == k[4] ? k[5] : k[4];
        double span = distance(earL, earR);
        double yaw = span == 0 ? 0 : ((distance(earL, k[2]) / (distance(earL, k[2]) + distance(earR, k[2]))) - 0.5) * 180;
        // Pitch: where the nose sits between the eye line and the mouth (about 0.55 when level).
        float[] eyes = {(left[0] + right[0]) / 2, (left[1] + right[1]) / 2};
        double eyesToMouth = distance(eyes, k[3]);
        double pitch = eyesToMouth == 0 ? 0 : (0.55 - distance(eyes, k[2]) / eyesToMouth) * 150;
        return new FaceFinding.Pose((float) roll, (float) clamp(yaw, 90), (float) clamp(pitch, 90));
    }

    /** The angle (radians) of the line from the image-left eye to the other, to turn the face upright. */
    static double eyeAngle(float[][] k) {
        float[] left = k[0][0] <= k[1][0] ? k[0] : k[1];
        float[] right = left == k[0] ? k[1] : k[0];
        return Math.atan2(right[1] - left[1], right[0] - left[0]);
    }

    /** Brightness: mean luma in percent; sharpness: variance of the Laplacian mapped to 0..100. */
    static FaceFinding.Quality quality(BufferedImage crop) {
        int w = crop.getWidth();
        int h = crop.getHeight();
        float[] g = Pixels.gray(crop);
        double sum = 0;
        for (float v : g) {
            sum += v;
        }
        double lapSum = 0;
        double lapSq = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double lap = 4 * g[y * w + x] - g[y * w + x - 1] - g[y * w + x + 1] - g[(y - 1) * w + x] - g[(y + 1) * w + x];
                lapSum += lap;
                lapSq += lap * lap;
                n++;
            }
        }
        double variance = n == 0 ? 0 : lapSq / n - (lapSum / n) * (lapSum / n);
        float sharpness = (float) (100 * (1 - Math.exp(-variance / 300)));
        return new FaceFinding.Quality((float) (100 * sum / g.length / 255), sharpness);
    }

    private static double distance(float[] a, float[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
