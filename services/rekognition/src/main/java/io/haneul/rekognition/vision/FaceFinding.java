package io.haneul.rekognition.vision;

import java.util.List;
import java.util.Map;

/**
 * One face. {@code landmarks} maps AWS's landmark types (eyeLeft, eyeRight, nose, mouthLeft,
 * mouthRight, ...) to a point as ratios {x, y}. Nullable members have no model behind them.
 */
public record FaceFinding(
        Box box,
        float confidence,
        Map<String, float[]> landmarks,
        Pose pose,
        Quality quality,
        AgeRange ageRange,
        Labelled gender,
        List<Labelled> emotions,
        Labelled eyesOpen,
        Labelled mouthOpen,
        Labelled smile,
        float[] embedding) {

    /** Degrees, as AWS's Pose. */
    public record Pose(float roll, float yaw, float pitch) {
    }

    /** 0 to 100, as AWS's ImageQuality. */
    public record Quality(float brightness, float sharpness) {
    }

    public record AgeRange(int low, int high) {
    }

    /** A value (e.g. "Male", "HAPPY", "true") with its confidence 0 to 100. */
    public record Labelled(String value, float confidence) {
    }
}
