package io.haneul.rekognition.faces;

import io.haneul.rekognition.vision.FaceFinding;

import java.util.Locale;

/**
 * AWS's QualityFilter (NONE, AUTO, LOW, MEDIUM, HIGH) as fixed bars, since AWS does not publish its
 * own: a face is kept when its confidence, its smaller side in pixels, and where the model gives them
 * its pose and image quality, reach the level's bar. AUTO is MEDIUM. The first bar missed is the
 * reason IndexFaces and SearchUsersByImage report (LOW_CONFIDENCE, SMALL_BOUNDING_BOX, EXTREME_POSE,
 * LOW_SHARPNESS, LOW_BRIGHTNESS). A head turned more than 45 degrees away misses AUTO: its embedding
 * no longer matches the same person's frontal one reliably. The sharpness bars are low because sharpness measured on a face
 * of a hundred pixels is low (5 to 20 on sharp portraits), as AWS's own figures for faces often are.
 *
 * <pre>
 * level   confidence  side px  |pose| deg  sharpness  brightness
 * LOW     50          20       90          0          0
 * MEDIUM  80          40       45          3          10
 * HIGH    95          60       30          10         20
 * </pre>
 */
public enum FaceQualityFilter {
    NONE(0, 0, 180, 0, 0),
    LOW(50, 20, 90, 0, 0),
    MEDIUM(80, 40, 45, 3, 10),
    HIGH(95, 60, 30, 10, 20);

    private final float minConfidence;
    private final int minSide;
    private final float maxPose;
    private final float minSharpness;
    private final float minBrightness;

    FaceQualityFilter(float minConfidence, int minSide, float maxPose, float minSharpness, float minBrightness) {
        this.minConfidence = minConfidence;
        this.minSide = minSide;
        this.maxPose = maxPose;
        this.minSharpness = minSharpness;
        this.minBrightness = minBrightness;
    }

    /** The filter a request names; {@code fallback} when it names none. */
    public static FaceQualityFilter of(String name, FaceQualityFilter fallback) {
        if (name == null) {
            return fallback;
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "NONE" -> NONE;
            case "LOW" -> LOW;
            case "AUTO", "MEDIUM" -> MEDIUM;
            case "HIGH" -> HIGH;
            default -> fallback;
        };
    }

    /**
     * Why the face misses this bar, or null when it passes.
     *
     * @param quality the face's brightness and sharpness (from the model, else measured on its pixels)
     */
    public String reason(FaceFinding face, FaceFinding.Quality quality, int imageWidth, int imageHeight) {
        if (this == NONE) {
            return null;
        }
        if (face.confidence() < minConfidence) {
            return "LOW_CONFIDENCE";
        }
        if (Math.min(face.box().width() * imageWidth, face.box().height() * imageHeight) < minSide) {
            return "SMALL_BOUNDING_BOX";
        }
        FaceFinding.Pose pose = face.pose();
        if (pose != null && Math.max(Math.abs(pose.yaw()), Math.max(Math.abs(pose.pitch()), Math.abs(pose.roll()))) > maxPose) {
            return "EXTREME_POSE";
        }
        if (quality != null && quality.sharpness() < minSharpness) {
            return "LOW_SHARPNESS";
        }
        if (quality != null && quality.brightness() < minBrightness) {
            return "LOW_BRIGHTNESS";
        }
        return null;
    }
}
