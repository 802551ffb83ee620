package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.FaceFinding;

import java.awt.image.BufferedImage;

/**
 * What a face's detector keypoints and pixels tell without another model: the eye line's angle and
 * quality (brightness and sharpness) from the crop's pixel statistics.
 */
final class FaceGeometry {

    private FaceGeometry() {
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

}
