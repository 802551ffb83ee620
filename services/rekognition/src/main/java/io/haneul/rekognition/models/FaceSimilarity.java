package io.haneul.rekognition.models;

/**
 * Turns the cosine of two FaceRes descriptors into AWS's 0 to 100 similarity. The map is linear in
 * the cosine and places the calibrated decision cosine at 80, AWS's default threshold, so that
 * "Similarity >= 80" means "same person" as on AWS. docs/rekognition.md gives the measured cosines.
 */
final class FaceSimilarity {

    /** Cosine that separates same-person pairs from different-person pairs (measured; see docs). */
    static final double DECISION_COSINE = 0.52;

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
        // Linear through (DECISION_COSINE, 80) and (1, 100), clamped to 0..100.
        double zero = 5 * DECISION_COSINE - 4;
        double value = 100 * (cosine(a, b) - zero) / (1 - zero);
        return (float) Math.max(0, Math.min(100, value));
    }
}
