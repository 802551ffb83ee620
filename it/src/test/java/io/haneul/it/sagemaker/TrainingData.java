package io.haneul.it.sagemaker;

import java.util.Random;

/** Synthetic data sets the training tests generate, with what each algorithm should recover. */
final class TrainingData {

    private TrainingData() {
    }

    /** Binary classes: label 1 when x0 + x1 - x2 > 0 (a margin keeps the set separable); CSV, label first when {@code labelled}. */
    static String separable(Random random, int rows, boolean labelled, int[] labels) {
        StringBuilder out = new StringBuilder();
        int written = 0;
        while (written < rows) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            double s = a + b - c;
            if (Math.abs(s) < 0.15) {
                continue;
            }
            int label = s > 0 ? 1 : 0;
            if (labels != null) {
                labels[written] = label;
            }
            out.append(labelled ? label + "," : "").append(f(a)).append(',').append(f(b)).append(',').append(f(c)).append('\n');
            written++;
        }
        return out.toString();
    }

    static String f(double v) {
        return String.format(java.util.Locale.ROOT, "%.5f", v);
    }
}
