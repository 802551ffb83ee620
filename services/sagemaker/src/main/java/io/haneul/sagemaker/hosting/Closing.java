package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.Predictor;

/** Closes several predictors, each one even when another fails to close. */
final class Closing {

    private Closing() {
    }

    static void all(Iterable<? extends Predictor> predictors) {
        RuntimeException first = null;
        for (Predictor p : predictors) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
