package io.haneul.rekognition.models;

/**
 * Turns the cosine of two FaceRes descriptors into AWS's 0 to 100 similarity: piecewise linear
 * through (FLOOR_COSINE, 0), (DECISION_COSINE, 80) and (1, 100), so that AWS's default threshold of
 * 80 is the calibrated decision between "same person" and "different people". docs/rekognition.md
 * gives the cosines measured on same-person and different-person pairs.
 */
final class FaceSimilarity {

    /** Cosine that separates same-person pairs from different-person pairs (measured; see docs). */
    static final double DECISION_COSINE = 0.55;
    /** Cosine at and below which faces share nothing (similarity 0); unrelated faces sit near 0.35. */
    static final double FLOOR_COSINE = 0.25;

    private FaceSimilarity() {
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different lengths: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    static float similarity(float[] a, float[] b) {
        double c = Math.min(1, cosine(a, b));
        double value;
        if (c <= FLOOR_COSINE) {
            value = 0;
        } else if (c < DECISION_COSINE) {
            value = 80 * (c - FLOOR_COSINE) / (DECISION_COSINE - FLOOR_COSINE);
        } else {
            value = 80 + 20 * (c - DECISION_COSINE) / (1 - DECISION_COSINE);
        }
        return (float) value;
    }
}
